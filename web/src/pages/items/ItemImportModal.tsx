import { CloudUploadOutlined, DownloadOutlined, FileTextOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Flex, Modal, Row, Space, Statistic, Tag, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { ItemImportResult, ItemImportRow } from '../../../../common/contracts/catalog.contract.js';
import { ITEM_IMPORT_STATUS_TAGS } from '../../../../common/labels/catalog.js';
import { api, errorMessage, isApiError } from '../../api/client';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { useLocalPage } from '../../components/useLocalPage';
import { csvCell, decodeUtf8 } from '../training/csvChunks';

const CSV_HEADER = [
  'baseCode',
  'name',
  'law',
  'article',
  'type',
  'sector',
  'levels',
  'basisLevel',
  'townshipGuiding',
  'major',
  'parentBaseCode',
];
const TEMPLATE_ROWS = [
  CSV_HEADER,
  [
    'SC-CF-0000',
    '对……的处罚（示例）',
    '《中华人民共和国食品安全法》',
    '第一百二十六条 ……',
    'penalty',
    'market_regulation',
    'province|city|county',
    'national',
    'false',
    'false',
    '',
  ],
];

function downloadTemplate() {
  const text = `\uFEFF${TEMPLATE_ROWS.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = '事项清单导入模板.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

interface LoadedFile {
  name: string;
  format: 'csv' | 'json';
  text: string;
  /** Parsed JSON array (format json). */
  json?: unknown[];
}

/** The server numbers CSV rows by their line in the file (the first data row is line 2), JSON elements from 1. */
const rowLabel = (r: ItemImportRow, format: LoadedFile['format']) =>
  format === 'json' ? `第 ${r.row} 条` : `第 ${r.row} 行`;

export interface ItemImportModalProps {
  open: boolean;
  onClose: () => void;
}

/** 导入: a CSV file (header baseCode,name,law,article,…; levels separated by |) or a JSON array of items, with per-row results. */
export function ItemImportModal({ open, onClose }: ItemImportModalProps) {
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ItemImportResult | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const page = useLocalPage(result?.rows ?? [], 10);

  useEffect(() => {
    if (open) {
      setFile(null);
      setFileError(null);
      setResult(null);
      setFailure(null);
    }
  }, [open]);

  const readFile = async (f: File) => {
    setFileError(null);
    setFile(null);
    setResult(null);
    setFailure(null);
    const text = decodeUtf8(await f.arrayBuffer());
    if (text === null) {
      setFileError('文件不是 UTF-8 编码。请另存为“CSV UTF-8（逗号分隔）”或 UTF-8 编码的 JSON 后重新选择。');
      return;
    }
    const body = text.replace(/^\uFEFF/, '');
    const looksJson = /\.json$/i.test(f.name) || f.type === 'application/json' || body.trimStart().startsWith('[');
    if (looksJson) {
      try {
        const json: unknown = JSON.parse(body);
        if (!Array.isArray(json)) throw new Error('not an array');
        if (json.length === 0) {
          setFileError('JSON 数组为空，没有事项。');
          return;
        }
        setFile({ name: f.name, format: 'json', text: body, json });
      } catch {
        setFileError('JSON 文件格式有误：应为事项对象的数组。');
      }
      return;
    }
    const lines = body.split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.length < 2) {
      setFileError('文件为空或只有表头，没有事项。');
      return;
    }
    setFile({ name: f.name, format: 'csv', text: body });
  };

  const run = async () => {
    if (!file || running) return;
    setRunning(true);
    setFailure(null);
    setResult(null);
    try {
      const res =
        file.format === 'json'
          ? await api.post<ItemImportResult>('/api/v1/items/import', file.json)
          : await api.postText<ItemImportResult>('/api/v1/items/import', file.text, 'text/csv');
      setResult(res);
    } catch (err) {
      const detail = errorMessage(err);
      const extra = isApiError(err) ? (err.problem.errors ?? []).map((e) => e.message).filter((m) => m !== detail) : [];
      setFailure([detail, ...extra].join('；'));
    } finally {
      setRunning(false);
    }
  };

  const format = file?.format ?? 'csv';
  const columns: ListColumn<ItemImportRow>[] = [
    {
      key: 'row',
      title: format === 'json' ? '序号' : '行号',
      dataIndex: 'row',
      render: (_v, r) => <span style={{ whiteSpace: 'nowrap' }}>{rowLabel(r, format)}</span>,
    },
    {
      key: 'status',
      title: '结果',
      dataIndex: 'status',
      render: (_v, r) => {
        const tag = ITEM_IMPORT_STATUS_TAGS[r.status] ?? { label: r.status, color: 'default' };
        return (
          <Tag color={tag.color} style={{ marginInlineEnd: 0 }}>
            {tag.label}
          </Tag>
        );
      },
    },
    {
      key: 'baseCode',
      title: '基本编码',
      dataIndex: 'baseCode',
      render: (_v, r) =>
        r.id && r.baseCode ? <Link to={`/items/${encodeURIComponent(r.id)}`}>{r.baseCode}</Link> : (r.baseCode ?? '—'),
    },
    {
      key: 'note',
      title: '说明',
      render: (_v, r) =>
        r.status === 'error'
          ? (r.errors ?? []).map((e) => e.message).join('；') || '—'
          : r.status === 'created'
            ? '已新增事项'
            : r.status === 'updated'
              ? '内容有变化，已保存为新版本'
              : '与现有事项一致，未修改',
    },
  ];

  return (
    <Modal
      open={open}
      title="导入事项"
      onCancel={onClose}
      footer={
        <Button onClick={onClose} disabled={running}>
          {result ? '完成' : '关闭'}
        </Button>
      }
      destroyOnHidden
      width={820}
      style={{ maxWidth: 'calc(100vw - 16px)' }}
    >
      <Typography.Paragraph>
        可导入 <Typography.Text strong>UTF-8 编码的 CSV 文件</Typography.Text>（第一行为表头：
        <Typography.Text code style={{ wordBreak: 'break-all' }}>
          {CSV_HEADER.join(',')}
        </Typography.Text>
        ，行使层级以“|”分隔）或事项对象的 <Typography.Text strong>JSON 数组</Typography.Text>
        。基本编码不存在的新增事项；已存在且内容不同的保存为新版本；内容相同的不修改。所属事项（parentBaseCode）须排在本行之前。
      </Typography.Paragraph>
      <Button icon={<DownloadOutlined />} onClick={downloadTemplate} style={{ marginBottom: 12 }}>
        下载 CSV 模板
      </Button>
      <Upload.Dragger
        accept=".csv,.json,text/csv,application/json"
        multiple={false}
        showUploadList={false}
        disabled={running}
        beforeUpload={(f) => {
          void readFile(f);
          return false;
        }}
        aria-label="选择 CSV 或 JSON 文件"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">点击或拖入 CSV / JSON 文件</p>
      </Upload.Dragger>
      {fileError ? <Alert type="error" showIcon title={fileError} style={{ marginTop: 12 }} /> : null}
      {file ? (
        <Flex wrap gap={8} align="center" style={{ marginTop: 12 }}>
          <FileTextOutlined aria-hidden />
          <Typography.Text strong style={{ wordBreak: 'break-all' }} data-testid="item-import-file-name">
            {file.name}
          </Typography.Text>
          <Typography.Text type="secondary">
            {file.format === 'json' ? `JSON，${file.json?.length ?? 0} 个事项` : 'CSV'}
          </Typography.Text>
          <Space wrap>
            <Button type="primary" icon={<CloudUploadOutlined />} onClick={run} loading={running}>
              开始导入
            </Button>
          </Space>
        </Flex>
      ) : null}
      {failure ? (
        <Alert
          type="error"
          showIcon
          title="导入失败"
          description={failure}
          style={{ marginTop: 12 }}
          data-testid="item-import-failure"
        />
      ) : null}
      {result ? (
        <div style={{ marginTop: 16 }} aria-live="polite">
          <Row gutter={[16, 12]} style={{ marginBottom: 12 }}>
            <Col xs={6}>
              <Statistic title="新增" value={result.created} styles={{ content: { color: '#389e0d' } }} />
            </Col>
            <Col xs={6}>
              <Statistic title="修订" value={result.updated} styles={{ content: { color: '#1f4e9c' } }} />
            </Col>
            <Col xs={6}>
              <Statistic title="无变化" value={result.unchanged} />
            </Col>
            <Col xs={6}>
              <Statistic title="错误" value={result.errors} styles={{ content: { color: '#cf1322' } }} />
            </Col>
          </Row>
          <ResponsiveList<ItemImportRow>
            ariaLabel="事项导入结果"
            columns={columns}
            dataSource={page.pageRows}
            rowKey={(r) => `${r.row}-${r.status}`}
            pagination={page.pagination}
            actionsKey="none"
          />
        </div>
      ) : null}
    </Modal>
  );
}
