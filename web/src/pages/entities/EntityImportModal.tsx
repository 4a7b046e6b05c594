import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Col, Flex, Modal, Progress, Row, Statistic, Tag, Typography, Upload } from 'antd';
import { useRef, useState } from 'react';
import { ENTITY_KIND_LABELS, ENTITY_KINDS, ENTITY_STATUS_LABELS, ENTITY_STATUSES } from '../../../../common/enums.js';
import type { EntityImportRow } from '../../../../common/contracts/entities.contract.js';
import { type ImportOutcome, type ImportProgress, uploadEntities } from '../../api/entity-import';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { useLocalPage } from '../../components/useLocalPage';

const HEADER = [
  '统一社会信用代码',
  '名称',
  '类型',
  '所在区划代码',
  '行业领域',
  '地址',
  '法定代表人',
  '风险等级',
  '信用等级',
  '状态',
];
const SAMPLE = [
  '91440106MA5XXXXXXX',
  '广州市某某餐饮管理有限公司',
  '企业',
  '440106',
  '市场监管、卫生健康',
  '天河路 1 号',
  '张三',
  'B',
  'A',
  '存续',
];

function downloadTemplate() {
  const text = `\uFEFF${HEADER.join(',')}\r\n${SAMPLE.join(',')}\r\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = '检查对象导入模板.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

const problemColumns: ListColumn<EntityImportRow>[] = [
  { key: 'line', title: '行号', render: (_v, r) => `第 ${r.line} 行` },
  {
    key: 'status',
    title: '结果',
    render: (_v, r) =>
      r.status === 'error' ? (
        <Tag color="red">错误</Tag>
      ) : (
        <Tag color="gold">{r.status === 'ok' ? '可导入' : '已导入'}，请核对</Tag>
      ),
  },
  { key: 'uscc', title: '统一社会信用代码', render: (_v, r) => r.uscc ?? '—' },
  {
    key: 'note',
    title: '说明',
    render: (_v, r) =>
      r.status === 'error'
        ? r.errors.map((e) => e.message).join('；')
        : (r.warnings ?? []).map((w) => w.message).join('；'),
  },
];

const percent = (p: ImportProgress | null) =>
  p && p.size > 0 ? Math.min(100, Math.floor((p.sent / p.size) * 100)) : 0;

export interface EntityImportModalProps {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
}

/** 批量导入: CSV or XLSX sent as it is; the server answers row by row while the file uploads. */
export function EntityImportModal({ open, onClose, onImported }: EntityImportModalProps) {
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(false);
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [running, setRunning] = useState(false);
  const abort = useRef<(() => void) | null>(null);
  const problems = outcome && outcome.kind !== 'refused' ? outcome.problems : (progress?.problems ?? []);
  const page = useLocalPage(problems, 10);
  const counts = outcome && outcome.kind !== 'refused' ? outcome.counts : progress?.counts;

  const start = async () => {
    if (!file) return;
    setRunning(true);
    setOutcome(null);
    setProgress({
      sent: 0,
      size: file.size,
      counts: { rows: 0, created: 0, updated: 0, ok: 0, errors: 0, warnings: 0 },
      problems: [],
    });
    const upload = uploadEntities(file, { dryRun, onProgress: setProgress });
    abort.current = upload.abort;
    const result = await upload.done;
    abort.current = null;
    setOutcome(result);
    setRunning(false);
    if (result.kind !== 'refused' && !dryRun) onImported();
  };
  const close = () => {
    abort.current?.();
    setFile(null);
    setProgress(null);
    setOutcome(null);
    onClose();
  };

  return (
    <Modal
      open={open}
      title="批量导入检查对象"
      onCancel={close}
      width={820}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
      destroyOnHidden
      footer={
        <Flex justify="space-between" wrap gap={8}>
          <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
            下载模板
          </Button>
          <Flex gap={8}>
            <Button onClick={close}>{running ? '取消导入' : '关闭'}</Button>
            <Button type="primary" disabled={!file || running} loading={running} onClick={start}>
              {dryRun ? '开始校验' : '开始导入'}
            </Button>
          </Flex>
        </Flex>
      }
    >
      <Typography.Paragraph>
        CSV（UTF-8，逗号分隔）或 Excel（.xlsx，读取第一个工作表），第一行为表头：{HEADER.join('、')}
        （状态可省略，空为存续）。 类型填 {ENTITY_KINDS.map((k) => ENTITY_KIND_LABELS[k]).join('、')}；状态填{' '}
        {ENTITY_STATUSES.map((s) => ENTITY_STATUS_LABELS[s]).join('、')}；风险等级、信用等级填 A、B、C、D（A
        级风险最低、信用最好）；行业领域可填多个，用“、”分隔。 已有的统一社会信用代码按文件内容更新，其余新增。
      </Typography.Paragraph>
      <Upload.Dragger
        accept=".csv,.xlsx,text/csv"
        maxCount={1}
        disabled={running}
        beforeUpload={(f) => {
          setFile(f);
          setOutcome(null);
          setProgress(null);
          return false;
        }}
        onRemove={() => setFile(null)}
        fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖入 CSV / XLSX 文件</p>
      </Upload.Dragger>
      <Checkbox
        checked={dryRun}
        disabled={running}
        onChange={(e) => setDryRun(e.target.checked)}
        style={{ marginTop: 12 }}
      >
        只校验，不写入
      </Checkbox>
      {progress ? (
        <div style={{ marginTop: 16 }} aria-live="polite">
          <Progress
            percent={outcome ? 100 : percent(progress)}
            status={outcome?.kind === 'done' ? 'success' : running ? 'active' : 'normal'}
            aria-label="导入进度"
          />
          <Row gutter={16} style={{ marginTop: 8 }}>
            <Col xs={12} sm={6}>
              <Statistic title="已处理行" value={counts?.rows ?? 0} />
            </Col>
            <Col xs={12} sm={6}>
              <Statistic title={dryRun ? '可导入' : '新增'} value={(dryRun ? counts?.ok : counts?.created) ?? 0} />
            </Col>
            <Col xs={12} sm={6}>
              <Statistic title="更新" value={counts?.updated ?? 0} />
            </Col>
            <Col xs={12} sm={6}>
              <Statistic title="错误" value={counts?.errors ?? 0} />
            </Col>
          </Row>
        </div>
      ) : null}
      {outcome?.kind === 'done' ? (
        <Alert
          style={{ marginTop: 16 }}
          type={outcome.counts.errors > 0 ? 'warning' : 'success'}
          showIcon
          title={
            outcome.dryRun
              ? `校验完成：共 ${outcome.counts.rows} 行，可导入 ${outcome.counts.ok} 行，错误 ${outcome.counts.errors} 行`
              : `导入完成：共 ${outcome.counts.rows} 行，新增 ${outcome.counts.created} 行，更新 ${outcome.counts.updated} 行，错误 ${outcome.counts.errors} 行`
          }
        />
      ) : null}
      {outcome?.kind === 'failed' ? (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          title={outcome.line ? `${outcome.message}（第 ${outcome.line} 行附近）` : outcome.message}
        />
      ) : null}
      {outcome?.kind === 'refused' ? (
        <Alert style={{ marginTop: 16 }} type="error" showIcon title={outcome.problem.detail} />
      ) : null}
      {problems.length > 0 ? (
        <div style={{ marginTop: 16 }}>
          <Typography.Title level={3} style={{ fontSize: 15 }}>
            需处理的行（{problems.length}）
          </Typography.Title>
          <ResponsiveList<EntityImportRow>
            ariaLabel="导入有误的行"
            columns={problemColumns}
            dataSource={page.pageRows}
            rowKey={(r) => String(r.line)}
            pagination={page.pagination}
          />
        </div>
      ) : null}
    </Modal>
  );
}
