import { Alert, App, Button, Card, Descriptions, Flex, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import type { Campaign, CampaignFile, CampaignResults } from '../../../../common/contracts/review.contract.js';
import { ITEM_TYPE_LABELS } from '../../../../common/enums.js';
import { allows } from '../../app/abilities';
import { api, errorMessage } from '../../api/client';
import { DetailPending } from '../../components/DetailFrame';
import { formatDateTime } from '../../components/format';
import { useDetail } from '../../components/useDetail';
import { HashValue } from '../inspections/HashValue';
import { STATE_COLORS } from './ReviewCampaignsPage';
import { TitleBar } from './parts';

/** The campaign's steps on one card: commit (hashes), then the public seed and the draw. */
function DrawSteps({ c, onDone }: { c: Campaign; onDone: (c: Campaign) => void }) {
  const { message } = App.useApp();
  const [seed, setSeed] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const step = async (path: string, body?: object) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post<Campaign>(`/api/v1/reviews/campaigns/${encodeURIComponent(c.id)}/${path}`, body ?? {}));
      message.success(path === 'commit' ? '名录已冻结，种子承诺已公布' : '抽取完成');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="公开抽取">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      {c.commitment ? (
        <>
          <HashValue
            label="案卷名录摘要"
            value={c.commitment.populationHash}
            explain={`冻结的 ${c.commitment.populationSize} 宗已结案案卷（按案号排序）及抽取规则的 SHA-256`}
          />
          <HashValue
            label="种子承诺"
            value={c.commitment.seedCommitment}
            explain="服务器种子的 SHA-256，抽取后可核对"
          />
        </>
      ) : (
        <Typography.Paragraph>冻结符合条件的已结案案卷名录，并公布服务器种子的承诺值。</Typography.Paragraph>
      )}
      {c.draw ? (
        <>
          <HashValue label="公开种子" value={c.draw.publicSeed} explain="抽取时现场产生并公布" />
          <HashValue label="服务器种子" value={c.draw.serverSeed} explain="其 SHA-256 应等于种子承诺" />
          <Typography.Paragraph>
            <a
              href={`/api/v1/public/review-campaigns/${encodeURIComponent(c.id)}/draw`}
              target="_blank"
              rel="noreferrer"
            >
              公开抽取记录（可据此重新计算）
            </a>
          </Typography.Paragraph>
        </>
      ) : null}
      <Space wrap>
        {allows(c, 'commit') ? (
          <Button type="primary" loading={busy} onClick={() => step('commit')}>
            冻结名录并承诺种子
          </Button>
        ) : null}
        {allows(c, 'draw') ? (
          <>
            <Input
              aria-label="公开种子"
              placeholder="公开种子（如现场掷骰结果）"
              value={seed}
              onChange={(e) => setSeed(e.target.value)}
              style={{ width: 260 }}
            />
            <Button
              type="primary"
              loading={busy}
              disabled={!seed.trim()}
              onClick={() => step('draw', { publicSeed: seed })}
            >
              抽取
            </Button>
          </>
        ) : null}
      </Space>
    </Card>
  );
}

function ThirdReview({ c, file, onDone }: { c: Campaign; file: CampaignFile; onDone: (c: Campaign) => void }) {
  const [reviewerId, setReviewerId] = useState<string>();
  const [error, setError] = useState<string | null>(null);
  const used = file.sheets.map((s) => s.reviewer.id);
  const options = c.reviewers
    .filter((r) => !used.includes(r.id))
    .map((r) => ({ value: r.id, label: `${r.name}（${r.orgName}）` }));
  const assign = async () => {
    setError(null);
    try {
      onDone(
        await api.post<Campaign>(`/api/v1/reviews/campaigns/${encodeURIComponent(c.id)}/third-reviews`, {
          fileId: file.id,
          reviewerId,
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Space wrap>
      <Select
        aria-label={`为 ${file.caseNumber} 指定第三名评查人员`}
        placeholder="第三名评查人员"
        options={options}
        value={reviewerId}
        onChange={setReviewerId}
        style={{ width: 220 }}
      />
      <Button size="small" disabled={!reviewerId} onClick={assign}>
        指定
      </Button>
      {error ? <Typography.Text type="danger">{error}</Typography.Text> : null}
    </Space>
  );
}

function Results({ id }: { id: string }) {
  const [results, setResults] = useState<CampaignResults | null>(null);
  useEffect(() => {
    const ctrl = new AbortController();
    api
      .get<CampaignResults>(`/api/v1/reviews/campaigns/${encodeURIComponent(id)}/results`, undefined, ctrl.signal)
      .then(setResults)
      .catch(() => setResults(null));
    return () => ctrl.abort();
  }, [id]);
  if (!results) return null;
  return (
    <Card size="small" title="评查结果（按被评查单位）">
      <Table
        size="small"
        pagination={false}
        rowKey={(r) => r.org.id}
        dataSource={results.orgs}
        scroll={{ x: true }}
        columns={[
          { key: 'org', title: '单位', render: (_v, r) => r.org.name },
          { key: 'sampled', title: '抽取', render: (_v, r) => `${r.sampled} 宗` },
          { key: 'reviewed', title: '已评定', render: (_v, r) => `${r.reviewed} 宗` },
          { key: 'average', title: '平均分', render: (_v, r) => (r.average === null ? '—' : r.average) },
          ...results.grades.map((g) => ({
            key: g,
            title: g,
            render: (_v: unknown, r: (typeof results.orgs)[number]) => r.gradeCounts[g] ?? 0,
          })),
          { key: 'veto', title: '否决', render: (_v, r) => r.vetoCount },
          { key: 'flagged', title: '待第三人评查', render: (_v, r) => r.flagged },
        ]}
      />
    </Card>
  );
}

/** One campaign: its rule, the draw, the sampled files with their reviewers and scores, the results per org. */
export default function ReviewCampaignPage() {
  const { id = '' } = useParams();
  const {
    data: c,
    loading,
    error,
    reload,
    setData,
  } = useDetail(id, (signal) =>
    api.get<Campaign>(`/api/v1/reviews/campaigns/${encodeURIComponent(id)}`, undefined, signal),
  );
  if (!c) {
    return (
      <DetailPending
        loading={loading}
        error={error}
        back={{ to: '/reviews/campaigns', label: '返回案卷评查' }}
        onRetry={reload}
      />
    );
  }
  const sample =
    c.sample.perOrg !== undefined ? `每单位 ${c.sample.perOrg} 宗` : `按比例 ${c.sample.fraction}（向上取整）`;
  return (
    <Flex vertical gap={12}>
      <Card size="small">
        <TitleBar title={c.name} back="/reviews/campaigns">
          <Tag color={STATE_COLORS[c.state]}>{c.stateLabel}</Tag>
        </TitleBar>
        <Descriptions size="small" column={{ xs: 1, md: 2 }} style={{ marginTop: 8 }}>
          <Descriptions.Item label="组织机关">{c.bodyOrgName}</Descriptions.Item>
          <Descriptions.Item label="年度">{c.year}</Descriptions.Item>
          <Descriptions.Item label="被评查单位">{c.orgs.map((o) => o.name).join('、')}</Descriptions.Item>
          <Descriptions.Item label="抽取规则">{sample}</Descriptions.Item>
          <Descriptions.Item label="案件范围">
            {c.caseFilter.kinds.map((k) => ITEM_TYPE_LABELS[k]).join('、')}，{c.caseFilter.closedFrom} 至{' '}
            {c.caseFilter.closedTo} 结案
          </Descriptions.Item>
          <Descriptions.Item label="评查标准">
            {c.rubric.name}（第 {c.rubric.version} 版）
          </Descriptions.Item>
          <Descriptions.Item label="评查人员">
            {c.reviewers.map((r) => `${r.name}（${r.orgName}）`).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label="创建">
            {c.createdByName} {formatDateTime(c.createdAt)}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <DrawSteps c={c} onDone={setData} />
      {c.files.length > 0 ? (
        <Card size="small" title={`抽取的案卷（${c.files.length} 宗）`}>
          <Table<CampaignFile>
            size="small"
            pagination={false}
            rowKey={(f) => f.id}
            dataSource={c.files}
            scroll={{ x: true }}
            columns={[
              { key: 'position', title: '序号', render: (_v, f) => f.position },
              {
                key: 'case',
                title: '案号',
                render: (_v, f) => <Link to={`/cases/${encodeURIComponent(f.caseId)}`}>{f.caseNumber}</Link>,
              },
              { key: 'org', title: '单位', render: (_v, f) => f.org.name },
              {
                key: 'sheets',
                title: '评查人员与评分',
                render: (_v, f) => (
                  <Flex vertical gap={2}>
                    {f.sheets.map((s) => (
                      <span key={s.id}>
                        <Link to={`/reviews/sheets/${encodeURIComponent(s.id)}`}>
                          {s.round === 3 ? '第三人' : `评查人 ${s.round}`}：{s.reviewer.name}
                        </Link>{' '}
                        {s.submittedAt ? `${s.total} 分（${s.grade}）` : '待评查'}
                      </span>
                    ))}
                  </Flex>
                ),
              },
              {
                key: 'final',
                title: '评定',
                render: (_v, f) =>
                  f.finalScore !== null ? (
                    <span>
                      {f.finalScore} 分{' '}
                      <Tag color={f.finalVeto || f.finalGrade === '不合格' ? 'red' : 'green'}>{f.finalGrade}</Tag>
                    </span>
                  ) : f.flagged ? (
                    <Flex vertical gap={4}>
                      <Tag color="orange">评分相差超过 10 分</Tag>
                      {allows(c, 'assign_third') && !f.sheets.some((s) => s.round === 3) ? (
                        <ThirdReview c={c} file={f} onDone={setData} />
                      ) : null}
                    </Flex>
                  ) : (
                    '—'
                  ),
              },
            ]}
          />
        </Card>
      ) : null}
      {allows(c, 'results') && c.files.length > 0 ? <Results id={c.id} /> : null}
    </Flex>
  );
}
