import { Card, Flex, Segmented, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Page } from '../../../../common/api-types.js';
import type { CaseRow } from '../../../../common/contracts/cases.contract.js';
import { api, errorMessage } from '../../api/client';
import { ResponsiveList } from '../../components/ResponsiveList';
import { useLocalPage } from '../../components/useLocalPage';
import { caseColumns } from './caseColumns';

/** The states in which a case may come to legal review (事先告知 done, or already under review). */
const INBOX_STATES = ['notified', 'legal_review'] as const;
type Filter = 'all' | (typeof INBOX_STATES)[number];

/** 法制审核: cases at 事先告知 or 法制审核 that the reviewer can see; the case page offers 法制审核 when the server allows it. */
export default function ReviewInboxPage() {
  const navigate = useNavigate();
  const [rows, setRows] = useState<CaseRow[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<Filter>('all');

  useEffect(() => {
    const ctrl = new AbortController();
    setLoading(true);
    Promise.all(
      INBOX_STATES.map((status) =>
        api.get<Page<CaseRow>>('/api/v1/cases', { status, current: 1, pageSize: 200 }, ctrl.signal),
      ),
    )
      .then((pages) => {
        const all = pages.flatMap((p) => p.data);
        // Oldest change first: the longest-waiting case is reviewed first.
        all.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt));
        setRows(all);
        setError(null);
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted) setError(errorMessage(err));
      })
      .finally(() => {
        if (!ctrl.signal.aborted) setLoading(false);
      });
    return () => ctrl.abort();
  }, []);

  const shown = useMemo(() => (filter === 'all' ? rows : rows.filter((r) => r.state === filter)), [rows, filter]);
  const paged = useLocalPage(shown, 20);
  const columns = useMemo(() => caseColumns(navigate), [navigate]);
  const count = (s: Filter) => (s === 'all' ? rows.length : rows.filter((r) => r.state === s).length);

  return (
    <Card size="small">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Title level={2} style={{ margin: 0, fontSize: 18 }}>
          法制审核
        </Typography.Title>
        <Segmented<Filter>
          aria-label="按阶段筛选"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: `全部 ${count('all')}` },
            { value: 'notified', label: `事先告知 ${count('notified')}` },
            { value: 'legal_review', label: `法制审核 ${count('legal_review')}` },
          ]}
        />
      </Flex>
      <Typography.Paragraph type="secondary">
        已事先告知、尚未决定的案件。依法须经法制审核的（重大执法事项、经过听证、涉及重大公共利益等），打开案件后点击“法制审核”提出审核意见。
      </Typography.Paragraph>
      <ResponsiveList<CaseRow>
        ariaLabel="待审核案件"
        columns={columns}
        dataSource={paged.pageRows}
        rowKey={(r) => r.id}
        loading={loading}
        error={error}
        pagination={paged.pagination}
      />
    </Card>
  );
}
