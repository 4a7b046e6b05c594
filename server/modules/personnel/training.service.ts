/**
 * Training records (业务培训登记卡): single entry, and CSV import with per-row results and cross-platform
 * de-duplication. The reports are in training-reports.ts.
 */
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import {
  TRAINING_CATEGORIES,
  TRAINING_CATEGORY_LABELS,
  TRAINING_MODES,
  TRAINING_MODE_LABELS,
  type TrainingCategory,
  type TrainingMode,
} from '../../../common/enums.js';
import type {
  ImportResultOut,
  ImportRowOut,
  TrainingCreateBody,
  TrainingRecordOut,
} from '../../../common/contracts/personnel.contract.js';
import { checkResidentId } from '../../../common/identifiers.js';
import type { Db } from '../../db/client.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { fieldError } from '../../platform/errors.js';
import { authorize, can } from '../../platform/policy.js';
import { runAudited } from '../audit/audit.api.js';
import { orgs } from '../orgs/orgs.api.js';
import { type PersonnelDeps, loadOfficer } from './officers.service.js';
import { type OfficerFacts, officerFactsOf, officerPolicy, trainingPolicy } from './personnel.policy.js';
import { courseKey, creditMilli, milliToHours } from './personnel.rules.js';
import { certificates, officers, trainingRecords } from './personnel.schema.js';
import { parseCsvRecords } from '../../platform/csv.js';

function presentRecord(r: typeof trainingRecords.$inferSelect): TrainingRecordOut {
  return {
    id: r.id,
    officerId: r.officerId,
    course: r.course,
    category: r.category as TrainingCategory,
    mode: r.mode as TrainingMode,
    provider: r.provider,
    date: r.date,
    minutes: r.minutes,
    hours: milliToHours(r.creditMilli),
  };
}

export async function addTrainingRecord(
  deps: PersonnelDeps,
  ctx: RequestContext,
  actor: Actor,
  input: TrainingCreateBody,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'training.create', resourceType: 'training_record' },
    async (tx) => {
      authorize(trainingPolicy, 'create', actor);
      const row = await loadOfficer(tx, actor, input.officerId);
      authorize(officerPolicy, 'update', actor, officerFactsOf(row.officer, row.org));
      if (input.hours === undefined && input.minutes === undefined)
        throw fieldError(422, 'missing_hours', 'hours', '学时（hours）或分钟（minutes）须填写其一');
      const record = trainingRow(input.officerId, input, deps.clock.now(), actor.userId);
      const [created] = await tx.insert(trainingRecords).values(record).onConflictDoNothing().returning();
      if (!created)
        throw fieldError(
          409,
          'duplicate_training_record',
          'course',
          '该人员同一日期的同一课程已登记（可能来自其他培训平台）',
        );
      return { value: presentRecord(created), resourceId: created.id };
    },
  );
}

export async function listTrainingOfOfficer(db: Db, officerId: string, year?: number) {
  const rows = await db
    .select()
    .from(trainingRecords)
    .where(
      and(
        eq(trainingRecords.officerId, officerId),
        year ? sql`extract(year from ${trainingRecords.date}) = ${year}` : undefined,
      ),
    )
    .orderBy(sql`${trainingRecords.date} desc`, trainingRecords.id);
  return rows.map(presentRecord);
}

// ── CSV import ─────────────────────────────────────────────────────────────────────────────────────────────

const HEADER_ALIASES: Record<string, string> = {
  idnumber: 'idNumber',
  身份证号: 'idNumber',
  公民身份号码: 'idNumber',
  certificatenumber: 'certificateNumber',
  证件号: 'certificateNumber',
  执法证号: 'certificateNumber',
  course: 'course',
  课程: 'course',
  category: 'category',
  类别: 'category',
  mode: 'mode',
  方式: 'mode',
  provider: 'provider',
  培训平台: 'provider',
  date: 'date',
  日期: 'date',
  hours: 'hours',
  学时: 'hours',
  minutes: 'minutes',
  分钟: 'minutes',
};

const CATEGORY_BY_TEXT = new Map<string, TrainingCategory>([
  ...TRAINING_CATEGORIES.map((c) => [c, c] as const),
  ...TRAINING_CATEGORIES.map((c) => [TRAINING_CATEGORY_LABELS[c], c] as const),
]);
const MODE_BY_TEXT = new Map<string, TrainingMode>([
  ...TRAINING_MODES.map((m) => [m, m] as const),
  ...TRAINING_MODES.map((m) => [TRAINING_MODE_LABELS[m], m] as const),
]);

type ParsedRow = Omit<TrainingCreateBody, 'officerId'> & { row: number; idNumber?: string; certificateNumber?: string };

/** The row written for one training record (single entry and import alike). */
function trainingRow(
  officerId: string,
  input: Omit<TrainingCreateBody, 'officerId'>,
  now: Date,
  createdBy: string,
): typeof trainingRecords.$inferInsert {
  return {
    id: randomUUID(),
    officerId,
    course: input.course.trim(),
    courseKey: courseKey(input.course),
    category: input.category,
    mode: input.mode,
    provider: input.provider.trim(),
    date: input.date,
    minutes: input.hours === undefined ? (input.minutes ?? null) : null,
    creditMilli: creditMilli(input),
    createdAt: now,
    createdBy,
  };
}

const isDate = (s: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

function parseRow(row: number, rec: Record<string, string>): ParsedRow | ImportRowOut {
  const errors: { field: string; message: string }[] = [];
  const get = (k: string) => (rec[k] ?? '').trim();
  const idNumber = get('idNumber').toUpperCase();
  const certificateNumber = get('certificateNumber');
  if (!idNumber && !certificateNumber) errors.push({ field: 'idNumber', message: '身份证号和证件号须填写其一' });
  if (idNumber) {
    const check = checkResidentId(idNumber);
    if (!check.ok) errors.push({ field: 'idNumber', message: check.message });
  }
  const course = get('course');
  if (!course) errors.push({ field: 'course', message: '课程名称不能为空' });
  const category = CATEGORY_BY_TEXT.get(get('category'));
  if (!category)
    errors.push({
      field: 'category',
      message: '类别应为 公共法律知识/业务知识/执法技能/职业道德（或 public_law/business/skills/ethics）',
    });
  const mode = MODE_BY_TEXT.get(get('mode'));
  if (!mode) errors.push({ field: 'mode', message: '方式应为 线上/线下（或 online/offline）' });
  const provider = get('provider');
  if (!provider) errors.push({ field: 'provider', message: '培训平台不能为空' });
  const date = get('date').replace(/\//g, '-');
  if (!isDate(date)) errors.push({ field: 'date', message: '日期应为 YYYY-MM-DD 格式的有效日期' });
  const hoursText = get('hours');
  const minutesText = get('minutes');
  let hours: number | undefined;
  let minutes: number | undefined;
  if (hoursText) {
    hours = Number(hoursText);
    if (!Number.isFinite(hours) || hours <= 0 || hours > 100)
      errors.push({ field: 'hours', message: '学时应为 0 到 100 之间的数' });
  } else if (minutesText) {
    minutes = Number(minutesText);
    if (!Number.isInteger(minutes) || minutes <= 0 || minutes > 6000)
      errors.push({ field: 'minutes', message: '分钟应为 1 到 6000 之间的整数' });
  } else {
    errors.push({ field: 'hours', message: '学时和分钟须填写其一' });
  }
  if (errors.length > 0) return { row, status: 'error', errors };
  return {
    row,
    ...(idNumber ? { idNumber } : {}),
    ...(certificateNumber ? { certificateNumber } : {}),
    course,
    category: category as TrainingCategory,
    mode: mode as TrainingMode,
    provider,
    date,
    ...(hours !== undefined ? { hours } : { minutes }),
  };
}

/**
 * Imports a CSV file (UTF-8, header row). Each row result carries the file line on which its record starts;
 * `firstRow` is the file line of the chunk's first data line (2 for a whole file; the console sends large files in
 * chunks, each with the header repeated, and passes the offset). One transaction for the chunk.
 */
export async function importTraining(
  deps: PersonnelDeps,
  ctx: RequestContext,
  actor: Actor,
  text: string,
  firstRow = 2,
): Promise<ImportResultOut> {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: 'training.import', resourceType: 'training_record' },
    async (tx) => {
      authorize(trainingPolicy, 'import', actor);
      const table = parseCsvRecords(text.replace(/^\uFEFF/, ''));
      const header = table.shift()?.cells;
      if (!header) throw fieldError(422, 'empty_file', 'file', '文件为空');
      const columns = header.map((h) => HEADER_ALIASES[h.trim().toLowerCase()] ?? HEADER_ALIASES[h.trim()] ?? null);
      const missing = ['course', 'category', 'mode', 'provider', 'date'].filter((c) => !columns.includes(c));
      if (!columns.includes('idNumber') && !columns.includes('certificateNumber'))
        missing.unshift('idNumber 或 certificateNumber');
      if (!columns.includes('hours') && !columns.includes('minutes')) missing.push('hours 或 minutes');
      if (missing.length > 0) throw fieldError(422, 'invalid_header', 'file', `表头缺少列：${missing.join('、')}`);

      const results: ImportRowOut[] = [];
      const parsed: ParsedRow[] = [];
      for (const { cells, line } of table) {
        if (cells.every((c) => c.trim() === '')) continue;
        const rec: Record<string, string> = {};
        columns.forEach((col, j) => {
          if (col) rec[col] = cells[j] ?? '';
        });
        // `line` counts from the chunk's header (line 1); the chunk's first data row is line `firstRow` of the file
        const r = parseRow(firstRow + line - 2, rec);
        if ('status' in r) results.push(r);
        else parsed.push(r);
      }

      // Resolve officers in two queries; only officers the caller may manage count as found.
      const hashes = [
        ...new Set(parsed.filter((p) => p.idNumber).map((p) => deps.sealer.lookupHash(p.idNumber as string))),
      ];
      const numbers = [
        ...new Set(parsed.filter((p) => !p.idNumber && p.certificateNumber).map((p) => p.certificateNumber as string)),
      ];
      const byHash = new Map<string, OfficerFacts>();
      const byNumber = new Map<string, OfficerFacts>();
      if (hashes.length > 0) {
        const rows = await tx
          .select({
            id: officers.id,
            hash: officers.idNumberHash,
            orgId: officers.orgId,
            regionCode: orgs.regionCode,
            sector: orgs.sector,
          })
          .from(officers)
          .innerJoin(orgs, eq(orgs.id, officers.orgId))
          .where(inArray(officers.idNumberHash, hashes));
        for (const r of rows) byHash.set(r.hash, r);
      }
      if (numbers.length > 0) {
        const rows = await tx
          .select({
            id: officers.id,
            number: certificates.number,
            orgId: officers.orgId,
            regionCode: orgs.regionCode,
            sector: orgs.sector,
          })
          .from(certificates)
          .innerJoin(officers, eq(officers.id, certificates.officerId))
          .innerJoin(orgs, eq(orgs.id, officers.orgId))
          .where(inArray(certificates.number, numbers));
        for (const r of rows) byNumber.set(r.number, r);
      }
      const canManage = (o: OfficerFacts) =>
        can(officerPolicy, 'read', actor, o) && can(officerPolicy, 'update', actor, o);

      const now = deps.clock.now();
      const seen = new Set<string>();
      const toInsert: (typeof trainingRecords.$inferInsert & { row: number })[] = [];
      for (const p of parsed) {
        const officer = p.idNumber
          ? byHash.get(deps.sealer.lookupHash(p.idNumber))
          : byNumber.get(p.certificateNumber as string);
        if (!officer || !canManage(officer)) {
          results.push({
            row: p.row,
            status: 'error',
            errors: [
              {
                field: p.idNumber ? 'idNumber' : 'certificateNumber',
                message: '未找到该执法人员，或不在本单位管理范围内',
              },
            ],
          });
          continue;
        }
        const key = `${officer.id}|${courseKey(p.course)}|${p.date}`;
        if (seen.has(key)) {
          results.push({ row: p.row, status: 'duplicate', officerId: officer.id });
          continue;
        }
        seen.add(key);
        toInsert.push({ row: p.row, ...trainingRow(officer.id, p, now, actor.userId) });
      }
      for (let i = 0; i < toInsert.length; i += 500) {
        const batch = toInsert.slice(i, i + 500);
        const inserted = await tx
          .insert(trainingRecords)
          .values(batch.map(({ row: _row, ...v }) => v))
          .onConflictDoNothing()
          .returning({ id: trainingRecords.id, creditMilli: trainingRecords.creditMilli });
        const createdIds = new Map(inserted.map((r) => [r.id, r.creditMilli]));
        for (const b of batch) {
          const credit = createdIds.get(b.id as string);
          results.push(
            credit !== undefined
              ? { row: b.row, status: 'created', officerId: b.officerId, hours: milliToHours(credit) }
              : { row: b.row, status: 'duplicate', officerId: b.officerId },
          );
        }
      }
      results.sort((a, b) => a.row - b.row);
      const created = results.filter((r) => r.status === 'created').length;
      const duplicates = results.filter((r) => r.status === 'duplicate').length;
      return { value: { created, duplicates, errors: results.length - created - duplicates, rows: results } };
    },
  );
}
