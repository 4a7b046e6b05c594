import { CameraOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, List, Modal, Typography, Upload, type UploadFile } from 'antd';
import { useEffect, useState } from 'react';
import type { CaseAttachment, CaseDetail, CaseEvent } from '../../../../common/contracts/cases.contract.js';
import { ApiError, api, errorMessage } from '../../api/client';
import { casePath, uploadEvidence } from './caseApi';
import { sizeText } from './caseDisplay';

/** What a phone's file picker should offer: the camera first, also video, sound recordings and PDF documents. */
export const EVIDENCE_ACCEPT = 'image/*,video/*,audio/*,application/pdf';
const MAX_BYTES = 25 * 1024 * 1024;

export interface EvidenceUploadModalProps {
  open: boolean;
  caseId: string;
  onClose: () => void;
  /** Called with the updated case once the files are on record. */
  onUploaded: (updated: CaseDetail) => void;
}

/**
 * 调查取证: uploads one or more evidence files (multipart/form-data, fields `description` and `files`); afterwards shows
 * the SHA-256 the record holds for each file.
 */
export function EvidenceUploadModal({ open, caseId, onClose, onUploaded }: EvidenceUploadModalProps) {
  const { message } = App.useApp();
  const [description, setDescription] = useState('');
  const [fileList, setFileList] = useState<UploadFile[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<CaseAttachment[] | null>(null);

  useEffect(() => {
    if (open) {
      setDescription('');
      setFileList([]);
      setError(null);
      setRecorded(null);
    }
  }, [open]);

  const files = fileList.map((f) => f.originFileObj).filter((f): f is NonNullable<UploadFile['originFileObj']> => !!f);

  const submit = async () => {
    if (files.length === 0) {
      setError('请选择或拍摄至少一个证据文件');
      return;
    }
    const total = files.reduce((s, f) => s + f.size, 0);
    if (total > MAX_BYTES) {
      setError(`文件合计 ${sizeText(total)}，单次上传不超过 25 MB`);
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const updated = await uploadEvidence(caseId, description.trim(), files);
      // The hashes as the whole-process record holds them: the last event is this upload.
      const record = await api.get<{ data: CaseEvent[] }>(`${casePath(caseId)}/record`).catch(() => null);
      const last = record?.data.at(-1);
      setRecorded(last?.type === 'add_evidence' ? last.attachments : []);
      message.success(`已上传 ${files.length} 个证据文件`);
      onUploaded(updated);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? errorMessage(err) +
              (err.problem.errors?.length ? `：${err.problem.errors.map((e) => e.message).join('；')}` : '')
          : errorMessage(err),
      );
    } finally {
      setSaving(false);
    }
  };

  const done = recorded !== null;
  return (
    <Modal
      open={open}
      title="调查取证：上传证据"
      okText={done ? '完成' : '上传'}
      cancelText="取消"
      cancelButtonProps={done ? { style: { display: 'none' } } : undefined}
      confirmLoading={saving}
      onOk={done ? onClose : submit}
      onCancel={onClose}
      destroyOnHidden
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      {error ? (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="evidence-error" />
      ) : null}
      {done ? (
        <div data-testid="evidence-result">
          <Alert
            type="success"
            showIcon
            title="证据已上传并记入全过程记录"
            description="以下为各文件的 SHA-256 哈希值，可用于核对原件。"
            style={{ marginBottom: 12 }}
          />
          <List
            size="small"
            bordered
            dataSource={recorded}
            renderItem={(a) => (
              <List.Item style={{ display: 'block' }}>
                <Typography.Text strong style={{ wordBreak: 'break-all' }}>
                  {a.name}
                </Typography.Text>{' '}
                <Typography.Text type="secondary">{sizeText(a.size)}</Typography.Text>
                <div style={{ wordBreak: 'break-all', fontFamily: 'monospace', fontSize: 12 }}>
                  SHA-256：
                  <Typography.Text copyable={{ text: a.sha256 }}>
                    <span data-testid="evidence-sha256">{a.sha256}</span>
                  </Typography.Text>
                </div>
              </List.Item>
            )}
          />
        </div>
      ) : (
        <Form layout="vertical" aria-label="上传证据" onFinish={submit}>
          <Form.Item label="证据说明" htmlFor="evidence-description">
            <Input.TextArea
              id="evidence-description"
              rows={3}
              maxLength={2000}
              showCount
              value={description}
              onChange={(e) => setDescription(e.target.value)}
              placeholder="如：现场检查照片、询问笔录、进货台账"
            />
          </Form.Item>
          <Form.Item label="证据文件" extra="可拍照、录像、录音，或选择 PDF 文件；可多选，单次合计不超过 25 MB。">
            <Upload
              accept={EVIDENCE_ACCEPT}
              capture="environment"
              multiple
              beforeUpload={() => false}
              fileList={fileList}
              onChange={({ fileList: next }) => {
                setFileList(next);
                setError(null);
              }}
            >
              <Button icon={<CameraOutlined />}>拍摄或选择文件</Button>
            </Upload>
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
