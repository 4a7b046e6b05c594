import { AuditOutlined, EditOutlined, EyeOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Progress,
  Space,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useCallback, useState } from 'react';
import { useParams } from 'react-router';
import type {
  Assessment,
  Certificate,
  ExitDecision,
  OfficerDetail,
  TrainingRecord,
} from '../../../../common/contracts/personnel.contract.js';
import {
  ANNUAL_HOURS_REQUIRED,
  ASSESSMENT_GRADE_LABELS,
  type AssessmentGrade,
  EXIT_ACTION_LABELS,
  EXIT_BASIS_LABELS,
  type Sector,
  TRAINING_CATEGORY_LABELS,
  TRAINING_MODE_LABELS,
} from '../../../../common/enums.js';
import { allows } from '../../app/abilities';
import { api } from '../../api/client';
import { DetailHeader, DetailPending } from '../../components/DetailFrame';
import { useDetail } from '../../components/useDetail';
import { formatDateTime } from '../../components/format';
import { ReasonModal } from '../../components/ReasonModal';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { useLocalPage } from '../../components/useLocalPage';
import { OfficerConflicts } from '../inspections/OfficerConflicts';
import { AssessmentFormModal } from './AssessmentFormModal';
import { CERTIFICATE_CHANGE_LABELS, CertificateCard, type CertificateChange } from './CertificateCard';
import { CertificateFormModal } from './CertificateFormModal';
import { EligibilityCheck } from './EligibilityCheck';
import { ExitDecisionModal } from './ExitDecisionModal';
import { OfficerFormModal } from './OfficerFormModal';
import { RevealModal } from './RevealModal';

const GRADE_COLORS: Record<AssessmentGrade, string> = {
  excellent: 'green',
  competent: 'blue',
  basically_competent: 'orange',
  incompetent: 'red',
};

type DialogState =
  | { kind: 'none' }
  | { kind: 'edit' }
  | { kind: 'reveal' }
  | { kind: 'certificate' }
  | { kind: 'change'; certificate: Certificate; action: CertificateChange }
  | { kind: 'assessment' }
  | { kind: 'exit' };

const trainingColumns: ListColumn<TrainingRecord>[] = [
  {
    key: 'date',
    title: '日期',
    dataIndex: 'date',
    render: (_v, t) => <span style={{ whiteSpace: 'nowrap' }}>{t.date}</span>,
  },
  { key: 'course', title: '课程', dataIndex: 'course' },
  {
    key: 'category',
    title: '类别',
    dataIndex: 'category',
    render: (_v, t) => TRAINING_CATEGORY_LABELS[t.category] ?? t.category,
  },
  { key: 'mode', title: '方式', dataIndex: 'mode', render: (_v, t) => TRAINING_MODE_LABELS[t.mode] ?? t.mode },
  { key: 'provider', title: '培训平台', dataIndex: 'provider' },
  {
    key: 'hours',
    title: '学时',
    dataIndex: 'hours',
    render: (_v, t) => (
      <span style={{ whiteSpace: 'nowrap' }}>
        {t.hours}
        {t.minutes ? <Typography.Text type="secondary">（{t.minutes} 分钟）</Typography.Text> : null}
      </span>
    ),
  },
];

const assessmentColumns: ListColumn<Assessment>[] = [
  { key: 'year', title: '年度', dataIndex: 'year', render: (_v, a) => `${a.year} 年度` },
  {
    key: 'grade',
    title: '考核等次',
    dataIndex: 'grade',
    render: (_v, a) => (
      <Tag color={GRADE_COLORS[a.grade] ?? 'default'}>{ASSESSMENT_GRADE_LABELS[a.grade] ?? a.grade}</Tag>
    ),
  },
  { key: 'comments', title: '考核意见', dataIndex: 'comments' },
  { key: 'createdAt', title: '登记时间', dataIndex: 'createdAt', render: (_v, a) => formatDateTime(a.createdAt) },
];

const exitColumns: ListColumn<ExitDecision>[] = [
  {
    key: 'at',
    title: '时间',
    dataIndex: 'at',
    render: (_v, e) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(e.at)}</span>,
  },
  {
    key: 'action',
    title: '处理方式',
    dataIndex: 'action',
    render: (_v, e) => (
      <Tag color={e.action === 'revoke' ? 'red' : 'orange'}>{EXIT_ACTION_LABELS[e.action] ?? e.action}</Tag>
    ),
  },
  { key: 'basis', title: '依据', dataIndex: 'basis', render: (_v, e) => EXIT_BASIS_LABELS[e.basis] ?? e.basis },
  { key: 'reason', title: '理由', dataIndex: 'reason' },
  { key: 'certificates', title: '涉及证件', render: (_v, e) => `${e.certificateIds.length} 个` },
];

export default function OfficerDetailPage() {
  const { id = '' } = useParams();
  const { message } = App.useApp();
  const {
    data: officer,
    loading,
    error,
    reload,
  } = useDetail(id, (signal) =>
    api.get<OfficerDetail>(`/api/v1/officers/${encodeURIComponent(id)}`, undefined, signal),
  );
  const [dialog, setDialog] = useState<DialogState>({ kind: 'none' });
  const [tab, setTab] = useState('certificates');

  const closeDialog = useCallback(() => setDialog({ kind: 'none' }), []);

  const training = useLocalPage(officer?.training ?? [], 10);

  if (!officer) {
    return (
      <DetailPending
        loading={loading}
        error={error}
        back={{ to: '/officers', label: '返回执法人员列表' }}
        onRetry={reload}
      />
    );
  }

  const canEdit = allows(officer, 'update');
  const canReveal = allows(officer, 'reveal');
  const canCertificates = allows(officer, 'issue_certificate');
  const canAssess = allows(officer, 'assess');
  const canExit = allows(officer, 'exit');
  const hours = officer.hoursThisYear;
  const percent = Math.min(100, Math.round((hours / ANNUAL_HOURS_REQUIRED) * 1000) / 10);
  const year = new Date().getFullYear();
  const firstSector = (officer.certificates.find((c) => c.displayStatus === 'valid') ?? officer.certificates[0])
    ?.sectors[0] as Sector | undefined;

  const certificatesTab = (
    <Flex vertical gap={12}>
      {canCertificates ? (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'certificate' })}>
            登记证件
          </Button>
        </Flex>
      ) : null}
      {officer.certificates.length === 0 ? (
        <Empty description="暂无执法证件" />
      ) : (
        officer.certificates.map((c) => (
          <CertificateCard
            key={c.id}
            certificate={c}
            onChange={(certificate, action) => setDialog({ kind: 'change', certificate, action })}
          />
        ))
      )}
    </Flex>
  );

  const trainingTab = (
    <Flex vertical gap={12}>
      <Card size="small" style={{ maxWidth: 520 }}>
        <Typography.Text>
          本年度（{year} 年）学时：
          <Typography.Text strong data-testid="hours-this-year">
            {hours}
          </Typography.Text>{' '}
          / {ANNUAL_HOURS_REQUIRED} 学时
        </Typography.Text>
        <Progress
          percent={percent}
          status={hours >= ANNUAL_HOURS_REQUIRED ? 'success' : 'active'}
          format={() =>
            hours >= ANNUAL_HOURS_REQUIRED
              ? '已达标'
              : `差 ${Math.round((ANNUAL_HOURS_REQUIRED - hours) * 100) / 100} 学时`
          }
          aria-label="本年度学时完成度"
        />
      </Card>
      <ResponsiveList<TrainingRecord>
        ariaLabel="培训记录"
        columns={trainingColumns}
        dataSource={training.pageRows}
        rowKey={(t) => t.id}
        cardTitleKey="course"
        pagination={training.pagination}
      />
    </Flex>
  );

  const assessmentsTab = (
    <Flex vertical gap={12}>
      {canAssess ? (
        <Flex justify="flex-end">
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'assessment' })}>
            登记考核
          </Button>
        </Flex>
      ) : null}
      <ResponsiveList<Assessment>
        ariaLabel="年度考核"
        columns={assessmentColumns}
        dataSource={officer.assessments}
        rowKey={(a) => a.id}
        pagination={false}
      />
    </Flex>
  );

  const exitTab = (
    <Flex vertical gap={12}>
      {canExit ? (
        <Flex justify="flex-end">
          <Button danger icon={<StopOutlined />} onClick={() => setDialog({ kind: 'exit' })}>
            退出决定
          </Button>
        </Flex>
      ) : null}
      <ResponsiveList<ExitDecision>
        ariaLabel="退出记录"
        columns={exitColumns}
        dataSource={officer.exitDecisions}
        rowKey={(e) => e.id}
        pagination={false}
      />
    </Flex>
  );

  const change = dialog.kind === 'change' ? dialog : null;

  return (
    <Flex vertical gap={16}>
      <Card size="small">
        <DetailHeader
          back={{ to: '/officers', label: '返回执法人员列表' }}
          title={officer.name}
          tags={officer.legalReviewer ? <Tag color="blue">法制审核人员</Tag> : null}
          actions={
            <Space wrap>
              {canReveal ? (
                <Button icon={<EyeOutlined />} onClick={() => setDialog({ kind: 'reveal' })}>
                  查看完整证件号
                </Button>
              ) : null}
              {canEdit ? (
                <Button icon={<EditOutlined />} onClick={() => setDialog({ kind: 'edit' })}>
                  编辑
                </Button>
              ) : null}
            </Space>
          }
        />
        {error ? <Alert type="error" showIcon title={error.message} style={{ marginBottom: 12 }} /> : null}
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'name', label: '姓名', children: officer.name },
            {
              key: 'idNumber',
              label: '身份证号',
              children: <span style={{ fontVariantNumeric: 'tabular-nums' }}>{officer.idNumber}</span>,
            },
            { key: 'orgName', label: '所属单位', children: officer.orgName },
            { key: 'position', label: '职务', children: officer.position || '—' },
            { key: 'phone', label: '联系电话', children: officer.phone || '—' },
            {
              key: 'legalQualification',
              label: '法律职业资格',
              children: officer.legalQualification ? '具有' : '不具有',
            },
            { key: 'legalReviewer', label: '法制审核人员', children: officer.legalReviewer ? '是' : '否' },
            { key: 'userId', label: '关联账号', children: officer.userId ? '已关联' : '未关联' },
            { key: 'updatedAt', label: '更新时间', children: formatDateTime(officer.updatedAt) },
          ]}
        />
      </Card>
      <Card size="small">
        <Spin spinning={loading}>
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              { key: 'certificates', label: `执法证件（${officer.certificates.length}）`, children: certificatesTab },
              { key: 'training', label: `培训记录（${officer.training.length}）`, children: trainingTab },
              { key: 'assessments', label: '年度考核', children: assessmentsTab },
              { key: 'exit', label: '退出记录', children: exitTab },
              {
                key: 'eligibility',
                label: '执法资格查询',
                icon: <AuditOutlined />,
                children: <EligibilityCheck officerId={officer.id} defaultSector={firstSector} />,
              },
            ]}
          />
        </Spin>
      </Card>

      <OfficerFormModal
        open={dialog.kind === 'edit'}
        officer={officer}
        onClose={closeDialog}
        onSaved={() => {
          closeDialog();
          reload();
        }}
      />
      {canReveal ? (
        <RevealModal
          open={dialog.kind === 'reveal'}
          officerId={officer.id}
          officerName={officer.name}
          onClose={closeDialog}
        />
      ) : null}
      <CertificateFormModal
        open={dialog.kind === 'certificate'}
        officerId={officer.id}
        officerName={officer.name}
        onClose={closeDialog}
        onSaved={() => {
          closeDialog();
          reload();
        }}
      />
      <ReasonModal
        open={!!change}
        title={change ? `${CERTIFICATE_CHANGE_LABELS[change.action]}证件 ${change.certificate.number}` : ''}
        description={
          change
            ? change.action === 'revoke'
              ? '吊销/注销后证件不能恢复，请谨慎操作。'
              : change.action === 'suspend'
                ? '暂扣期间持证人不得凭此证件从事行政执法工作。'
                : '恢复后证件重新生效（仍以有效期为准）。'
            : undefined
        }
        okText={change ? CERTIFICATE_CHANGE_LABELS[change.action] : '确定'}
        danger={change?.action === 'revoke'}
        onClose={closeDialog}
        onSubmit={async (reason) => {
          if (!change) return;
          const updated = await api.post<Certificate>(
            `/api/v1/certificates/${encodeURIComponent(change.certificate.id)}/${change.action}`,
            { reason },
          );
          message.success(`证件 ${updated.number} 已${CERTIFICATE_CHANGE_LABELS[change.action]}`);
          closeDialog();
          reload();
        }}
      />
      <AssessmentFormModal
        open={dialog.kind === 'assessment'}
        officerId={officer.id}
        officerName={officer.name}
        onClose={closeDialog}
        onSaved={() => {
          closeDialog();
          reload();
        }}
      />
      <OfficerConflicts officer={officer} />
      <ExitDecisionModal
        open={dialog.kind === 'exit'}
        officerId={officer.id}
        officerName={officer.name}
        onClose={closeDialog}
        onSaved={() => {
          closeDialog();
          reload();
        }}
      />
    </Flex>
  );
}
