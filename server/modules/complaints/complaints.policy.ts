/**
 * Who may see and handle complaints (platform/policy.ts). 首接负责制: the staff (执法人员, 部门负责人) of the handling
 * org see and handle a complaint; the org a transfer waits on sees it and accepts or declines the transfer; the
 * supervisors (执法监督人员) of the justice departments overseeing its region read it (监督, 督办). Revealing the
 * complainant needs the handling org's department head. The machine clients (12345, Open311) are configured by the
 * system administrator (until the exchange issue's machine clients land).
 */
import { type SQL, eq, sql } from 'drizzle-orm';
import type { Role } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import type { Actor } from '../../platform/context.js';
import { type AbilityRule, definePolicy } from '../../platform/policy.js';
import { orgs } from '../orgs/orgs.api.js';
import { isSupervisingBody, overseenPrefix } from '../supervision/supervision.api.js';
import { complaints } from './complaints.schema.js';

export interface ComplaintFacts {
  id: string;
  /** The handling org. */
  orgId: string;
  pendingOrgId: string | null;
  regionCode: string;
  sector: string;
  state: string;
}

export async function loadComplaintFacts(db: Db, id: string): Promise<ComplaintFacts | null> {
  const [row] = await db
    .select({
      id: complaints.id,
      orgId: complaints.handlingOrgId,
      pendingOrgId: complaints.pendingOrgId,
      regionCode: complaints.regionCode,
      sector: orgs.sector,
      state: complaints.state,
    })
    .from(complaints)
    .innerJoin(orgs, eq(orgs.id, complaints.handlingOrgId))
    .where(eq(complaints.id, id))
    .limit(1);
  return row ?? null;
}

const STAFF: Role[] = ['officer', 'department_head'];
const HEADS: Role[] = ['department_head'];
const isStaff = (actor: Actor) => actor.roles.some((r) => STAFF.includes(r));
const isSupervisor = (actor: Actor) => actor.roles.includes('supervisor');

export const handles = (actor: Actor, c: ComplaintFacts) => c.orgId === actor.org.id;
const awaitsTransfer = (actor: Actor, c: ComplaintFacts) => c.pendingOrgId === actor.org.id;
/** A supervision org overseeing the complaint's region. */
export const oversees = (actor: Actor, c: { regionCode: string }) => {
  const prefix = overseenPrefix(actor.org);
  return prefix !== null && c.regionCode.startsWith(prefix);
};

/** SQL: the complaints the actor may read. */
export function readableComplaints(actor: Actor): SQL {
  const own = isStaff(actor)
    ? sql`(${complaints.handlingOrgId} = ${actor.org.id}::uuid or ${complaints.pendingOrgId} = ${actor.org.id}::uuid)`
    : sql`false`;
  const prefix = overseenPrefix(actor.org);
  if (prefix === null || !isSupervisor(actor)) return own;
  return sql`(${own} or ${complaints.regionCode} like ${`${prefix}%`})`;
}

const handler = (refusal: string, roles: Role[] = STAFF): AbilityRule<ComplaintFacts> => ({
  roles,
  record: true,
  when: handles,
  refusal,
});

export const complaintPolicy = definePolicy<ComplaintFacts>({
  subject: 'complaint',
  label: '投诉举报',
  load: loadComplaintFacts,
  readable: readableComplaints,
  abilities: {
    list: {
      roles: [...STAFF, 'supervisor'],
      record: false,
      refusal: '只有执法人员、部门负责人和执法监督人员可以查看投诉举报',
    },
    refer: {
      roles: STAFF,
      record: false,
      refusal: '只有执法人员和部门负责人可以登记转办移送的投诉举报',
    },
    overdue: {
      roles: ['supervisor', 'department_head'],
      record: false,
      refusal: '只有执法监督人员和部门负责人可以查看逾期未办结的投诉举报',
    },
    stats: {
      roles: ['supervisor'],
      record: false,
      when: (actor) => overseenPrefix(actor.org) !== null,
      refusal: '只有司法行政部门（司法所）的执法监督人员可以查看各单位投诉举报办理统计',
    },
    read: {
      roles: [...STAFF, 'supervisor'],
      record: true,
      when: (actor, c) =>
        (isStaff(actor) && (handles(actor, c) || awaitsTransfer(actor, c))) ||
        (isSupervisor(actor) && oversees(actor, c)),
      refusal: '只有承办单位的执法人员和负责人、监督该地区的执法监督人员可以查看',
    },
    accept: handler('只有承办单位的执法人员和负责人可以受理'),
    reject: handler('只有承办单位的执法人员和负责人可以决定不予受理'),
    assign: handler('只有承办单位的部门负责人可以指派承办人', HEADS),
    transfer: handler('只有承办单位的执法人员和负责人可以转办'),
    accept_transfer: {
      roles: STAFF,
      record: true,
      when: awaitsTransfer,
      refusal: '只有转办的接收单位可以接收或退回转办',
    },
    decline_transfer: {
      roles: STAFF,
      record: true,
      when: awaitsTransfer,
      refusal: '只有转办的接收单位可以接收或退回转办',
    },
    reply: handler('只有承办单位的执法人员和负责人可以答复'),
    close: handler('只有承办单位的执法人员和负责人可以办结'),
    reopen: handler('只有承办单位的执法人员和负责人可以重新办理'),
    merge: handler('只有承办单位的执法人员和负责人可以并单'),
    open_case: handler('只有承办单位的执法人员和负责人可以据此立案'),
    dispute: handler('只有承办单位的执法人员和负责人可以提出派单异议'),
    decide_dispute: {
      roles: ['supervisor'],
      record: true,
      when: (actor, c) => isSupervisingBody(actor.org) && oversees(actor, c),
      refusal: '只有监督该地区的司法行政部门的执法监督人员可以裁定派单异议',
    },
    reveal_reporter: handler('只有承办单位的部门负责人可以查看投诉人的真实姓名和电话', HEADS),
  },
});

/** The machine clients (12345 hotline, Open311): kept by the system administrator (三员分立: no business data). */
export const hotlineClientPolicy = definePolicy<{ id: string }>({
  subject: 'hotline_client',
  label: '机器客户端（12345 热线、Open311）',
  param: 'clientId',
  abilities: {
    manage: { roles: ['sysadmin'], record: false, refusal: '只有系统管理员可以配置机器客户端' },
  },
});
