/**
 * Who may read and set the visit frequency caps (visit_caps, platform/policy.ts). Caps are published rules: every
 * business role reads them. They are set by the supervising justice department (司法行政部门, its supervisors and org
 * admins), which oversees inspection frequency (行政执法监督条例): an org's cap by the justice department overseeing
 * the org's region, an item's cap — which applies wherever the item is inspected — only by the provincial one
 * (司法厅), since the catalogue is the province's.
 */
import type { Actor } from '../../platform/context.js';
import { BUSINESS_ROLES, definePolicy } from '../../platform/policy.js';
import { overseenPrefix } from '../inspections/inspections.api.js';

/** The target of a cap: an org (its region) or a catalogue item (province-wide). */
export interface VisitCapTarget {
  id: string;
  kind: 'org' | 'item';
  regionCode: string;
}

const prefixOf = (actor: Actor) => (actor.org.kind === 'justice' ? overseenPrefix(actor.org) : null);

/** The rule an actor breaks by setting the cap of this target, or null. */
function capBreach(actor: Actor, target?: VisitCapTarget): string | null {
  const prefix = prefixOf(actor);
  if (prefix === null) return '只有司法行政部门的执法监督人员和单位管理员可以设定检查频次上限';
  if (!target) return null;
  if (target.kind === 'item')
    return prefix.length === 2 ? null : '执法事项的检查频次上限由省级司法行政部门设定；本级只能设定所监督单位的上限';
  return target.regionCode.startsWith(prefix) ? null : '只能设定本部门监督地区内单位的检查频次上限';
}

export const visitCapPolicy = definePolicy<VisitCapTarget>({
  subject: 'visit_cap',
  label: '检查频次上限',
  abilities: {
    list: { roles: BUSINESS_ROLES, record: false, refusal: '当前账号无权查看检查频次上限' },
    /** Also asked of the target the body names. */
    update: {
      roles: ['supervisor', 'org_admin'],
      record: false,
      when: (actor, target) => capBreach(actor, target) === null,
      refusal: (actor, target) =>
        capBreach(actor, target) ?? '只有司法行政部门的执法监督人员和单位管理员可以设定检查频次上限',
    },
  },
});
