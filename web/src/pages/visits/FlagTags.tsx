/** A visit's flags as tags with their Chinese labels; the note (why) in the tag's title and as text for screen readers. */
import { Flex, Tag, Tooltip } from 'antd';
import type { Visit } from '../../../../common/contracts/visits.contract.js';
import type { VisitFlag } from '../../../../common/enums.js';

const COLORS: Record<VisitFlag, string> = {
  no_task: 'red',
  over_cap: 'red',
  uncertified_officer: 'red',
  single_officer: 'orange',
  late_backfill: 'orange',
  joint_possible: 'blue',
};

export function FlagTags({ flags, empty = '—' }: { flags: Visit['flags']; empty?: string }) {
  if (flags.length === 0) return <span>{empty}</span>;
  return (
    <Flex wrap gap={4}>
      {flags.map((f) => (
        <Tooltip key={f.code} title={f.note}>
          <Tag color={COLORS[f.code]} aria-label={`${f.label}：${f.note}`}>
            {f.label}
          </Tag>
        </Tooltip>
      ))}
    </Flex>
  );
}
