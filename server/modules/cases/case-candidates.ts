/**
 * Who may be put in charge of a case on a given day (承办人员, 行政处罚法第四十二、四十三条): every officer of the case's
 * org, each with whether 指派 (or the simplified procedure) would accept them now and, if not, why — the same
 * checks as the step itself (certificate valid for the item's sector and the org's region, assessment, training
 * rule, no pending or granted recusal in this case). The console lists the others greyed with the reason.
 */
import { asc, eq } from 'drizzle-orm';
import type { OfficerCandidateOut } from '../../../common/contracts/cases.contract.js';
import type { Actor } from '../../platform/context.js';
import { checkEligibilityOf, officers } from '../personnel/personnel.api.js';
import { type CaseDeps, loadCaseView } from './cases.service.js';

export async function officerCandidates(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
): Promise<{ data: OfficerCandidateOut[]; at: string }> {
  const { c, org, item, officers: assigned } = await loadCaseView(deps.db, actor, caseId);
  const now = deps.clock.now();
  const rows = await deps.db
    .select({ id: officers.id, name: officers.name, position: officers.position })
    .from(officers)
    .where(eq(officers.orgId, c.orgId))
    .orderBy(asc(officers.name), asc(officers.id))
    .limit(500);
  const eligibility = await checkEligibilityOf(
    deps.db,
    deps.training,
    rows.map((r) => r.id),
    { sector: item?.sector ?? org.sector, regionCode: org.regionCode, at: now },
  );
  const data = rows.map((o) => {
    const reasons = (eligibility.get(o.id)?.reasons ?? []).map((r) => r.message);
    const recusal = c.recusals.find((r) => r.officerId === o.id && r.outcome !== 'denied');
    if (recusal) reasons.push(recusal.outcome === 'granted' ? '已决定回避本案' : '有待决定的回避申请');
    const eligible = (eligibility.get(o.id)?.eligible ?? false) && !recusal;
    return { ...o, eligible, reasons: eligible ? [] : reasons, assigned: assigned.some((a) => a.id === o.id) };
  });
  return { data, at: now.toISOString() };
}
