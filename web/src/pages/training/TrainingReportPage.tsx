import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Empty, Flex, Grid, Row, Spin, Statistic, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Page } from '../../../../common/api-types.js';
import type {
  ExitFlagRow,
  RotationMeta,
  RotationRow,
  TrainingByOrgRow,
  TrainingReportMeta,
  TrainingReportRow,
} from '../../../../common/contracts/personnel.contract.js';
import { ANNUAL_HOURS_REQUIRED, TRAINING_CATEGORIES, TRAINING_CATEGORY_LABELS } from '../../../../common/enums.js';
import { api, buildQuery, errorMessage } from '../../api/client';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { SearchForm } from '../../components/SearchForm';
import { usePagedList } from '../../components/usePagedList';
import { TrainingByOrgChart } from './TrainingByOrgChart';

interface ReportFilterValues {
  year?: Dayjs | null;
  regionCode?: string;
}

interface ReportFilters {
  year: number;
  regionCode?: string;
}

const NO_FILTERS = {};

const officerLink = (officerId: string, name: string) => (
  <Link to={`/officers/${encodeURIComponent(officerId)}`}>{name}</Link>
);

const reportColumns: ListColumn<TrainingReportRow>[] = [
  { key: 'name', title: '姓名', dataIndex: 'name', render: (_v, r) => officerLink(r.officerId, r.name) },
  { key: 'orgName', title: '单位', dataIndex: 'orgName' },
  {
    key: 'totalHours',
    title: '总学时',
    dataIndex: 'totalHours',
    render: (_v, r) => <Typography.Text strong>{r.totalHours}</Typography.Text>,
  },
  ...TRAINING_CATEGORIES.map(
    (c): ListColumn<TrainingReportRow> => ({
      key: c,
      title: TRAINING_CATEGORY_LABELS[c],
      render: (_v, r) => String(r.byCategory[c] ?? 0),
    }),
  ),
  {
    key: 'shortfallHours',
    title: '差额学时',
    dataIndex: 'shortfallHours',
    render: (_v, r) =>
      r.shortfallHours > 0 ? <Typography.Text type="danger">{r.shortfallHours}</Typography.Text> : '0',
  },
];

const rotationColumns: ListColumn<RotationRow>[] = [
  { key: 'name', title: '姓名', dataIndex: 'name', render: (_v, r) => officerLink(r.officerId, r.name) },
  { key: 'orgName', title: '单位', dataIndex: 'orgName' },
];

const exitColumns: ListColumn<ExitFlagRow>[] = [
  { key: 'name', title: '姓名', dataIndex: 'name', render: (_v, r) => officerLink(r.officerId, r.name) },
  { key: 'orgName', title: '单位', dataIndex: 'orgName' },
  {
    key: 'flags',
    title: '提示',
    dataIndex: 'flags',
    render: (_v, r) => (
      <Flex wrap gap={4}>
        {r.flags.map((f) => (
          <Tag
            key={f.code}
            color={f.code === 'assessment_incompetent' ? 'red' : 'orange'}
            style={{ marginInlineEnd: 0 }}
          >
            {f.message}
          </Tag>
        ))}
      </Flex>
    ),
  },
];

const percentText = (rate: number) => Math.round(rate * 1000) / 10;

export default function TrainingReportPage() {
  const screens = Grid.useBreakpoint();
  const [filters, setFilters] = useState<ReportFilters>(() => ({ year: dayjs().year() }));
  const query = useMemo(() => ({ year: filters.year, regionCode: filters.regionCode }), [filters]);
  const yearQuery = useMemo(() => ({ year: filters.year }), [filters.year]);

  const report = usePagedList<TrainingReportRow, TrainingReportMeta>('/api/v1/reports/training', query);
  const rotation = usePagedList<RotationRow, RotationMeta>('/api/v1/reports/rotation', NO_FILTERS, 10);
  const exitFlags = usePagedList<ExitFlagRow>('/api/v1/reports/exit-flags', yearQuery, 10);

  const [byOrg, setByOrg] = useState<TrainingByOrgRow[]>([]);
  const [byOrgLoading, setByOrgLoading] = useState(true);
  const [byOrgError, setByOrgError] = useState<string | null>(null);

  useEffect(() => {
    const ctrl = new AbortController();
    setByOrgLoading(true);
    setByOrgError(null);
    api
      .get<Page<TrainingByOrgRow>>('/api/v1/reports/training/by-org', query, ctrl.signal)
      .then((page) => setByOrg(page.data))
      .catch((err: unknown) => {
        if (ctrl.signal.aborted) return;
        setByOrg([]);
        setByOrgError(errorMessage(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setByOrgLoading(false);
      });
    return () => ctrl.abort();
  }, [query]);

  const complianceRate = report.response?.complianceRate;
  const csvHref = `/api/v1/reports/training${buildQuery({ ...query, format: 'csv' })}`;

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <Typography.Title level={2} style={{ marginTop: 0, fontSize: 18 }}>
          培训统计
        </Typography.Title>
        <SearchForm<ReportFilterValues>
          name="trainingReportSearch"
          ariaLabel="培训统计条件"
          initialValues={{ year: dayjs() }}
          onSearch={(v) =>
            setFilters({ year: v.year ? v.year.year() : dayjs().year(), regionCode: v.regionCode || undefined })
          }
          onReset={() => setFilters({ year: dayjs().year() })}
          fields={[
            {
              name: 'year',
              label: '年度',
              node: <DatePicker picker="year" allowClear={false} style={{ width: '100%' }} placeholder="选择年度" />,
            },
            { name: 'regionCode', label: '行政区划', node: <RegionTreeSelect allowClear placeholder="全部区划" /> },
          ]}
        />
        <Row gutter={[16, 12]}>
          <Col xs={12} sm={8} lg={6}>
            <Statistic
              title={`${filters.year} 年度达标率`}
              value={complianceRate === undefined ? '—' : percentText(complianceRate)}
              suffix={complianceRate === undefined ? undefined : '%'}
              loading={report.loading && complianceRate === undefined}
            />
          </Col>
          <Col xs={12} sm={8} lg={6}>
            <Statistic title="统计人数" value={report.total} suffix="人" loading={report.loading && !report.response} />
          </Col>
          <Col xs={24} sm={8} lg={12}>
            <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
              每名执法人员每年参加业务培训不少于 {ANNUAL_HOURS_REQUIRED} 学时（45 分钟折合 1 学时）。
            </Typography.Paragraph>
          </Col>
        </Row>
      </Card>

      <Card size="small" title="各单位达标情况">
        {byOrgError ? <Alert type="error" showIcon title={byOrgError} style={{ marginBottom: 12 }} /> : null}
        <Spin spinning={byOrgLoading}>
          {byOrg.length > 0 ? (
            <TrainingByOrgChart rows={byOrg} narrow={screens.md !== true} />
          ) : (
            <Empty description={byOrgLoading ? '加载中…' : '暂无数据'} style={{ padding: '24px 0' }} />
          )}
        </Spin>
      </Card>

      <Card
        size="small"
        title="人员学时明细"
        extra={
          <Button size="small" icon={<DownloadOutlined />} href={csvHref} download>
            导出 CSV
          </Button>
        }
      >
        <ResponsiveList<TrainingReportRow>
          ariaLabel="人员学时明细"
          columns={reportColumns}
          dataSource={report.data}
          rowKey={(r) => r.officerId}
          loading={report.loading}
          error={report.error}
          pagination={{
            current: report.current,
            pageSize: report.pageSize,
            total: report.total,
            onChange: report.setPage,
          }}
        />
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title="全员轮训未完成" style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">
              {rotation.response
                ? `轮训期间 ${rotation.response.from} 至 ${rotation.response.deadline} 没有任何培训记录的人员，共 ${rotation.total} 人。`
                : '轮训期间没有任何培训记录的人员。'}
            </Typography.Paragraph>
            <ResponsiveList<RotationRow>
              ariaLabel="全员轮训未完成人员"
              columns={rotationColumns}
              dataSource={rotation.data}
              rowKey={(r) => r.officerId}
              loading={rotation.loading}
              error={rotation.error}
              pagination={{
                current: rotation.current,
                pageSize: rotation.pageSize,
                total: rotation.total,
                onChange: rotation.setPage,
              }}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title="退出机制提示" style={{ height: '100%' }}>
            <Typography.Paragraph type="secondary">
              {filters.year} 年度考核不称职，或连续两年培训不足 {ANNUAL_HOURS_REQUIRED} 学时的人员，共 {exitFlags.total}{' '}
              人。提示不等于决定：退出决定须在人员详情中作出。
            </Typography.Paragraph>
            <ResponsiveList<ExitFlagRow>
              ariaLabel="退出机制提示"
              columns={exitColumns}
              dataSource={exitFlags.data}
              rowKey={(r) => r.officerId}
              loading={exitFlags.loading}
              error={exitFlags.error}
              pagination={{
                current: exitFlags.current,
                pageSize: exitFlags.pageSize,
                total: exitFlags.total,
                onChange: exitFlags.setPage,
              }}
            />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}
