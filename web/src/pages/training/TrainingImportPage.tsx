import {
  CloudUploadOutlined,
  DownloadOutlined,
  FileTextOutlined,
  InboxOutlined,
  PauseOutlined,
} from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Progress,
  Row,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useMemo, useRef, useState } from 'react';
import { Link } from 'react-router';
import {
  TRAINING_CATEGORIES,
  TRAINING_CATEGORY_LABELS,
  TRAINING_MODE_LABELS,
  TRAINING_MODES,
} from '../../../../common/enums.js';
import { mayDo } from '../../app/abilities';
import { useMe } from '../../app/auth';
import { api, errorMessage, isApiError } from '../../api/client';
import type { ImportResult, ImportRow } from '../../../../common/contracts/personnel.contract.js';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { useLocalPage } from '../../components/useLocalPage';
import { type CsvSplit, csvCell, decodeUtf8, splitCsv } from './csvChunks';

const ROWS_PER_CHUNK = 500;

type ResultFilter = 'all' | ImportRow['status'];

const STATUS_TAGS: Record<ImportRow['status'], { label: string; color: string }> = {
  created: { label: '新增', color: 'green' },
  duplicate: { label: '重复', color: 'gold' },
  error: { label: '错误', color: 'red' },
};

interface Totals {
  created: number;
  duplicates: number;
  errors: number;
}

interface LoadedFile {
  name: string;
  split: CsvSplit;
}

interface Failure {
  chunk: number;
  fromLine: number;
  toLine: number;
  message: string;
}

const FORMAT_COLUMNS = [
  {
    key: 'idNumber',
    header: 'idNumber',
    zh: '身份证号（公民身份号码）',
    note: '18 位公民身份号码；与证件号填写其一（都填时以身份证号为准）',
  },
  {
    key: 'certificateNumber',
    header: 'certificateNumber',
    zh: '证件号（执法证号）',
    note: '行政执法证件编号；与身份证号填写其一',
  },
  { key: 'course', header: 'course', zh: '课程', note: '必填' },
  {
    key: 'category',
    header: 'category',
    zh: '类别',
    note: `必填：${TRAINING_CATEGORIES.map((c) => `${TRAINING_CATEGORY_LABELS[c]}（${c}）`).join('、')}`,
  },
  {
    key: 'mode',
    header: 'mode',
    zh: '方式',
    note: `必填：${TRAINING_MODES.map((m) => `${TRAINING_MODE_LABELS[m]}（${m}）`).join('、')}`,
  },
  { key: 'provider', header: 'provider', zh: '培训平台', note: '必填，如：广东省行政执法人员网络培训平台' },
  { key: 'date', header: 'date', zh: '日期', note: '必填，YYYY-MM-DD（也接受 YYYY/MM/DD）' },
  { key: 'hours', header: 'hours', zh: '学时', note: '与分钟填写其一；0 到 100 之间的数' },
  { key: 'minutes', header: 'minutes', zh: '分钟', note: '与学时填写其一；整数，45 分钟折合 1 学时' },
];

const TEMPLATE_ROWS = [
  ['身份证号', '证件号', '课程', '类别', '方式', '培训平台', '日期', '学时', '分钟'],
  [
    '',
    '（请填写证件号）',
    '行政处罚法专题解读',
    '公共法律知识',
    '线上',
    '广东省行政执法人员网络培训平台',
    '2026-03-15',
    '2',
    '',
  ],
  ['（请填写身份证号）', '', '执法文书制作规范', '执法技能', '线下', '市司法局线下集中培训', '2026-04-20', '', '270'],
];

/** Builds the CSV template client-side (UTF-8 with BOM so that spreadsheet programs read the Chinese headers). */
function downloadTemplate() {
  const text = `\uFEFF${TEMPLATE_ROWS.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = '培训记录导入模板.csv';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function rowNote(r: ImportRow): string {
  if (r.status === 'created') return `${r.hours} 学时`;
  if (r.status === 'duplicate') return '该人员同一日期的同一课程已登记（可能来自其他培训平台），未重复计入';
  return r.errors.map((e) => e.message).join('；');
}

const resultColumns: ListColumn<ImportRow>[] = [
  { key: 'row', title: '行号', dataIndex: 'row', render: (_v, r) => `第 ${r.row} 行` },
  {
    key: 'status',
    title: '结果',
    dataIndex: 'status',
    render: (_v, r) => <Tag color={STATUS_TAGS[r.status].color}>{STATUS_TAGS[r.status].label}</Tag>,
  },
  { key: 'note', title: '说明', render: (_v, r) => rowNote(r) },
  {
    key: 'officer',
    title: '人员',
    render: (_v, r) =>
      'officerId' in r ? <Link to={`/officers/${encodeURIComponent(r.officerId)}`}>人员详情</Link> : '—',
  },
];

export default function TrainingImportPage() {
  const me = useMe();
  const canImport = mayDo(me, 'training.import');
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [running, setRunning] = useState(false);
  const [started, setStarted] = useState(false);
  const [done, setDone] = useState(0);
  const [rows, setRows] = useState<ImportRow[]>([]);
  const [totals, setTotals] = useState<Totals>({ created: 0, duplicates: 0, errors: 0 });
  const [failure, setFailure] = useState<Failure | null>(null);
  const [stopped, setStopped] = useState(false);
  const [filter, setFilter] = useState<ResultFilter>('all');
  const stopRequested = useRef(false);

  const shown = useMemo(() => (filter === 'all' ? rows : rows.filter((r) => r.status === filter)), [rows, filter]);
  const page = useLocalPage(shown, 20);
  const chunkCount = file?.split.chunks.length ?? 0;
  const percent = chunkCount === 0 ? 0 : Math.round((done / chunkCount) * 100);

  const readFile = async (f: File) => {
    setFileError(null);
    setFile(null);
    setStarted(false);
    const text = decodeUtf8(await f.arrayBuffer());
    if (text === null) {
      setFileError('文件不是 UTF-8 编码。请在表格软件中另存为“CSV UTF-8（逗号分隔）”格式后重新选择。');
      return;
    }
    const split = splitCsv(text, ROWS_PER_CHUNK);
    if (!split) {
      setFileError('文件为空，或第一行不是表头。');
      return;
    }
    if (split.dataRows === 0) {
      setFileError('文件只有表头，没有培训记录。');
      return;
    }
    setFile({ name: f.name, split });
  };

  const run = async () => {
    if (!file || running) return;
    const { chunks } = file.split;
    stopRequested.current = false;
    setRunning(true);
    setStarted(true);
    setStopped(false);
    setFailure(null);
    setDone(0);
    setRows([]);
    setTotals({ created: 0, duplicates: 0, errors: 0 });
    setFilter('all');
    for (let i = 0; i < chunks.length; i++) {
      const chunk = chunks[i];
      if (!chunk) break;
      if (stopRequested.current) {
        setStopped(true);
        break;
      }
      try {
        const res = await api.postText<ImportResult>('/api/v1/training-records/import', chunk.body, 'text/csv', {
          firstRow: chunk.firstRow,
        });
        setRows((prev) => prev.concat(res.rows));
        setTotals((t) => ({
          created: t.created + res.created,
          duplicates: t.duplicates + res.duplicates,
          errors: t.errors + res.errors,
        }));
        setDone(i + 1);
      } catch (err) {
        const detail = errorMessage(err);
        const extra = isApiError(err)
          ? (err.problem.errors ?? []).map((e) => e.message).filter((m) => m !== detail)
          : [];
        setFailure({
          chunk: i + 1,
          fromLine: chunk.firstRow,
          toLine: chunk.lastLine,
          message: [detail, ...extra].join('；'),
        });
        break;
      }
    }
    setRunning(false);
  };

  const counts: Record<ResultFilter, number> = {
    all: rows.length,
    created: totals.created,
    duplicate: totals.duplicates,
    error: totals.errors,
  };

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Typography.Title level={2} style={{ marginTop: 0, fontSize: 18 }}>
          培训登记
        </Typography.Title>
        <Typography.Paragraph>
          从培训平台导出的培训记录可批量导入。文件须为 <Typography.Text strong>UTF-8 编码的 CSV 文件</Typography.Text>
          ，第一行为表头，此后每行一条培训记录；表头可用英文列名或中文列名，列的顺序不限。
          <Typography.Text strong>45 分钟折合 1 学时</Typography.Text>
          。同一人员同一日期的同一课程只计一次，重复导入（包括来自不同平台的同一课程）显示为“重复”。只能导入本单位管理范围内人员的记录。
        </Typography.Paragraph>
        <Table
          size="small"
          pagination={false}
          rowKey="key"
          scroll={{ x: 'max-content' }}
          dataSource={FORMAT_COLUMNS}
          aria-label="CSV 列说明"
          columns={[
            {
              key: 'header',
              title: '列名',
              dataIndex: 'header',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            { key: 'zh', title: '中文表头', dataIndex: 'zh' },
            { key: 'note', title: '说明', dataIndex: 'note' },
          ]}
          style={{ marginBottom: 12 }}
        />
        <Button icon={<DownloadOutlined />} onClick={downloadTemplate}>
          下载模板
        </Button>
      </Card>

      <Card size="small" title="导入文件">
        {canImport ? null : (
          <Alert type="info" showIcon title="只有单位管理员可以导入培训记录。" style={{ marginBottom: 12 }} />
        )}
        <Upload.Dragger
          accept=".csv,text/csv"
          multiple={false}
          showUploadList={false}
          disabled={!canImport || running}
          beforeUpload={(f) => {
            void readFile(f);
            return false;
          }}
          aria-label="选择 CSV 文件"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">点击或拖入 CSV 文件</p>
          <p className="ant-upload-hint">大文件将按每批 {ROWS_PER_CHUNK} 行依次上传</p>
        </Upload.Dragger>
        {fileError ? <Alert type="error" showIcon title={fileError} style={{ marginTop: 12 }} /> : null}
        {file ? (
          <Flex vertical gap={12} style={{ marginTop: 12 }}>
            <Flex wrap gap={8} align="center">
              <FileTextOutlined aria-hidden />
              <Typography.Text strong style={{ wordBreak: 'break-all' }} data-testid="import-file-name">
                {file.name}
              </Typography.Text>
              <Typography.Text type="secondary">
                {file.split.dataRows} 条记录，分 {chunkCount} 批上传
              </Typography.Text>
            </Flex>
            <Space wrap>
              <Button
                type="primary"
                icon={<CloudUploadOutlined />}
                onClick={run}
                loading={running}
                disabled={!canImport}
              >
                开始导入
              </Button>
              {running ? (
                <Button
                  icon={<PauseOutlined />}
                  onClick={() => {
                    stopRequested.current = true;
                  }}
                >
                  停止
                </Button>
              ) : null}
            </Space>
          </Flex>
        ) : null}
        {started ? (
          <div style={{ marginTop: 12 }} aria-live="polite">
            <Progress
              percent={percent}
              status={failure ? 'exception' : running ? 'active' : percent === 100 ? 'success' : 'normal'}
              aria-label="导入进度"
            />
            <Typography.Text type="secondary" data-testid="import-tally">
              已完成 {done} / {chunkCount} 批 · 新增 {totals.created} · 重复 {totals.duplicates} · 错误 {totals.errors}
            </Typography.Text>
          </div>
        ) : null}
        {failure ? (
          <Alert
            type="error"
            showIcon
            style={{ marginTop: 12 }}
            title={`第 ${failure.chunk} 批（第 ${failure.fromLine === failure.toLine ? failure.fromLine : `${failure.fromLine}–${failure.toLine}`} 行）导入失败，已停止`}
            description={`${failure.message}${failure.chunk > 1 ? '。此前各批的结果已保存，见下表。' : ''}`}
            data-testid="import-failure"
          />
        ) : null}
        {stopped ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            title={`已停止：完成 ${done} / ${chunkCount} 批，此前各批的结果已保存。`}
          />
        ) : null}
      </Card>

      {started && (rows.length > 0 || !running) ? (
        <Card size="small" title="导入结果">
          <Row gutter={[16, 12]} style={{ marginBottom: 12 }}>
            <Col xs={8} sm={6} lg={4}>
              <div data-testid="import-created">
                <Statistic title="新增" value={totals.created} styles={{ content: { color: '#389e0d' } }} />
              </div>
            </Col>
            <Col xs={8} sm={6} lg={4}>
              <div data-testid="import-duplicates">
                <Statistic title="重复" value={totals.duplicates} styles={{ content: { color: '#d48806' } }} />
              </div>
            </Col>
            <Col xs={8} sm={6} lg={4}>
              <div data-testid="import-errors">
                <Statistic title="错误" value={totals.errors} styles={{ content: { color: '#cf1322' } }} />
              </div>
            </Col>
          </Row>
          <div style={{ overflowX: 'auto', marginBottom: 12 }}>
            <Segmented<ResultFilter>
              value={filter}
              onChange={setFilter}
              aria-label="按结果筛选"
              options={[
                { value: 'all', label: `全部 ${counts.all}` },
                { value: 'created', label: `新增 ${counts.created}` },
                { value: 'duplicate', label: `重复 ${counts.duplicate}` },
                { value: 'error', label: `错误 ${counts.error}` },
              ]}
            />
          </div>
          <ResponsiveList<ImportRow>
            ariaLabel="导入结果"
            columns={resultColumns}
            dataSource={page.pageRows}
            rowKey={(r) => `${r.row}-${r.status}`}
            loading={running}
            pagination={page.pagination}
            actionsKey="officer"
          />
        </Card>
      ) : null}
    </Flex>
  );
}
