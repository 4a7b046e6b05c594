import { Tag, Typography } from 'antd';
import type { Tier } from '../../../../common/contracts/discretion.contract.js';
import { type ListColumn, ResponsiveList } from '../../components/ResponsiveList';
import { circumstanceLabel, fineText, parentBoundsText, penaltyKindsText } from './tierBounds';

const CIRCUMSTANCE_COLORS: Record<string, string> = {
  none: 'default',
  mitigated: 'cyan',
  lighter: 'green',
  general: 'blue',
  heavier: 'red',
};

export function CircumstanceTag({ circumstance }: { circumstance: string }) {
  return (
    <Tag color={CIRCUMSTANCE_COLORS[circumstance] ?? 'default'} style={{ marginInlineEnd: 0 }}>
      {circumstanceLabel(circumstance)}
    </Tag>
  );
}

export interface TierTableProps {
  tiers: Tier[];
  /** A refinement's parent tiers: adds a column with the parent's bounds for the same circumstance. */
  parentTiers?: Tier[] | null;
  ariaLabel?: string;
}

/** 裁量档次: 情节, 适用条件, 处罚种类, 罚款幅度, 处罚方式, 时限 (and the parent's bounds for a refinement). */
export function TierTable({ tiers, parentTiers, ariaLabel = '裁量档次' }: TierTableProps) {
  const parentOf = (t: Tier) => parentTiers?.find((p) => p.circumstance === t.circumstance);
  const columns: ListColumn<Tier>[] = [
    {
      key: 'circumstance',
      title: '情节',
      dataIndex: 'circumstance',
      render: (_v, t) => <CircumstanceTag circumstance={t.circumstance} />,
    },
    {
      key: 'conditions',
      title: '适用条件',
      dataIndex: 'conditions',
      render: (_v, t) => (
        <span style={{ display: 'inline-block', maxWidth: 300, whiteSpace: 'pre-wrap' }}>{t.conditions || '—'}</span>
      ),
    },
    {
      key: 'penaltyKinds',
      title: '处罚种类',
      dataIndex: 'penaltyKinds',
      render: (_v, t) => penaltyKindsText(t.penaltyKinds),
    },
    {
      key: 'fine',
      title: '罚款幅度',
      dataIndex: 'fine',
      render: (_v, t) => {
        const inherited = parentOf(t)?.fine;
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            {t.fine ? fineText(t.fine) : inherited ? `沿用上级（${fineText(inherited)}）` : '不设罚款'}
          </span>
        );
      },
    },
    { key: 'method', title: '处罚方式', dataIndex: 'method', render: (_v, t) => t.method || '—' },
    {
      key: 'timeLimitDays',
      title: '时限',
      dataIndex: 'timeLimitDays',
      render: (_v, t) => {
        const inherited = parentOf(t)?.timeLimitDays;
        if (t.timeLimitDays != null) return <span style={{ whiteSpace: 'nowrap' }}>{t.timeLimitDays} 日</span>;
        return inherited != null ? <span style={{ whiteSpace: 'nowrap' }}>沿用上级（{inherited} 日）</span> : '—';
      },
    },
  ];
  if (parentTiers) {
    columns.push({
      key: 'parent',
      title: '上级基准',
      render: (_v, t) => (
        <Typography.Text type="secondary" style={{ display: 'inline-block', maxWidth: 280 }}>
          {parentBoundsText(parentOf(t)).replace(/^上级：/, '')}
        </Typography.Text>
      ),
    });
  }
  return (
    <ResponsiveList<Tier>
      ariaLabel={ariaLabel}
      columns={columns}
      dataSource={tiers}
      rowKey={(t) => t.circumstance}
      pagination={false}
      actionsKey="none"
    />
  );
}
