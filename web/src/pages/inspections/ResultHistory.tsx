/** The results recorded for a target: outcome, who, when, and by when it must be public (late ones flagged). */
import { Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import type { InspectionResult } from '../../../../common/contracts/inspections.contract.js';
import { INSPECTION_MODE_LABELS, INSPECTION_RESULT_KIND_LABELS } from '../../../../common/enums.js';
import { formatDateTime } from '../../components/format';

export function PublishTag({ result }: { result: Pick<InspectionResult, 'publishBy' | 'publishedAt' | 'late'> }) {
  if (result.publishedAt) return <Tag color="green">已于 {formatDateTime(result.publishedAt).slice(0, 10)} 公示</Tag>;
  if (result.late) return <Tag color="red">逾期未公示（应于 {result.publishBy} 前）</Tag>;
  return <Tag color="gold">应于 {result.publishBy} 前公示</Tag>;
}

export function ResultHistory({ results }: { results: readonly InspectionResult[] }) {
  if (results.length === 0) return <Typography.Text>尚未录入检查结果</Typography.Text>;
  return (
    <List
      dataSource={[...results]}
      rowKey="id"
      renderItem={(r) => (
        <List.Item data-testid="inspection-result">
          <Flex vertical gap={4} style={{ width: '100%' }}>
            <Flex wrap gap={6} align="center">
              <Typography.Text strong>{INSPECTION_RESULT_KIND_LABELS[r.kind]}</Typography.Text>
              <Tag color={r.outcome === 'no_issue' ? 'green' : 'orange'}>{r.outcomeLabel}</Tag>
              <PublishTag result={r} />
              {r.substituted ? <Tag color="purple">有替补人员</Tag> : null}
            </Flex>
            <span>
              {formatDateTime(r.inspectedAt)} · {INSPECTION_MODE_LABELS[r.mode]} ·{' '}
              {r.inspectors.map((i) => (i.substituted ? `${i.name}（替补）` : i.name)).join('、')}
            </span>
            {r.substitutionReason ? <span>替补原因：{r.substitutionReason}</span> : null}
            {r.rectifyBy ? <span>整改期限：{r.rectifyBy}</span> : null}
            {r.caseId && r.caseNumber ? (
              <span>
                已立案：<Link to={`/cases/${encodeURIComponent(r.caseId)}`}>{r.caseNumber}</Link>
              </span>
            ) : null}
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.findings}</Typography.Paragraph>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {r.recordedByName} 于 {formatDateTime(r.recordedAt)} 录入
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}
