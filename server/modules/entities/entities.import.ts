/**
 * Import of the target library from CSV or XLSX, as a stream: records are read from the request body as it
 * arrives, parsed and checked row by row, and upserted by USCC in batches of BATCH_ROWS — each batch one
 * transaction with its audit row. While one batch is written the next one is parsed. The caller gets an async
 * sequence of events (a result per row, progress after each batch, a summary), which the route sends as NDJSON.
 */
import { randomUUID } from 'node:crypto';
import { type Readable, pipeline } from 'node:stream';
import { sql } from 'drizzle-orm';
import type {
  EntityImportCounts,
  EntityImportEvent,
  EntityImportRow,
} from '../../../common/contracts/entities.contract.js';
import type { Warning } from '../../../common/contracts/kit.js';
import { type Db, pipelines, queryRows } from '../../db/client.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError, fieldError } from '../../platform/errors.js';
import { runAudited } from '../audit/audit.api.js';
import { regions } from '../regions/regions.api.js';
import {
  ENTITY_REGION_LEVELS,
  type EntityInput,
  mapHeader,
  parseImportRow,
  regionLevelMessage,
} from './entities.rules.js';
import { authorize } from '../../platform/policy.js';
import { entityPolicy } from './entities.policy.js';
import { type EntityDeps, legalRepColumns } from './entities.service.js';
import { ByteCounter, type SourceRecord, csvRecords, xlsxRecords } from './import-sources.js';

export const BATCH_ROWS = 5000;
/** Rows of one import at most (a zip bomb in an XLSX cannot run for ever). */
export const MAX_IMPORT_ROWS = 2_000_000;

export type ImportFormat = 'csv' | 'xlsx';
export interface ImportOptions {
  format: ImportFormat;
  /** Check every row and say what would happen, writing nothing (rows answer `ok`). */
  dryRun: boolean;
  /** Which row results to send: every row, or only rows with errors or warnings (counts always). */
  rows: 'all' | 'problems';
}

interface Pending {
  line: number;
  input: EntityInput;
  checkValid: boolean;
  warnings: Warning[];
}

const emptyCounts = (): EntityImportCounts => ({ rows: 0, created: 0, updated: 0, ok: 0, errors: 0, warnings: 0 });

/**
 * Checks the caller and the header, then returns the import's events. Throws AppError (answered as problem+json)
 * when the import cannot start: role, empty file, header without the required columns.
 */
export async function openEntityImport(
  deps: EntityDeps,
  ctx: RequestContext,
  actor: Actor,
  body: Readable,
  opts: ImportOptions,
): Promise<AsyncGenerator<EntityImportEvent>> {
  authorize(entityPolicy, 'import', actor);
  const counter = new ByteCounter(deps.importMaxBytes);
  pipeline(body, counter, () => {}); // errors surface through the parser that reads `counter`
  const records = (opts.format === 'csv' ? csvRecords(counter) : xlsxRecords(counter))[Symbol.asyncIterator]();
  let first = await records.next();
  while (!first.done && first.value.cells.every((c) => c.trim() === '')) first = await records.next();
  if (first.done) throw fieldError(422, 'empty_file', 'file', '文件为空：第一行应为表头');
  const header = mapHeader(first.value.cells);
  if (header.missing.length > 0 || header.repeated.length > 0) {
    await records.return?.(undefined);
    const problems = [
      ...(header.missing.length > 0 ? [`缺少列：${header.missing.join('、')}`] : []),
      ...(header.repeated.length > 0 ? [`重复的列：${header.repeated.join('、')}`] : []),
    ];
    throw fieldError(422, 'invalid_header', 'file', `表头有误，${problems.join('；')}（见导入模板）`);
  }
  const levels = new Map(
    (await deps.db.select({ code: regions.code, level: regions.level }).from(regions)).map((r) => [r.code, r.level]),
  );
  return run(deps, ctx, actor, records, header.columns, levels, counter, opts);
}

async function* run(
  deps: EntityDeps,
  ctx: RequestContext,
  actor: Actor,
  records: AsyncIterator<SourceRecord>,
  columns: ReturnType<typeof mapHeader>['columns'],
  levels: Map<string, string>,
  counter: ByteCounter,
  opts: ImportOptions,
): AsyncGenerator<EntityImportEvent> {
  const counts = emptyCounts();
  const tally = (r: EntityImportRow) => {
    if (r.status === 'error') counts.errors++;
    else counts[r.status]++;
    if (r.status !== 'error' && r.warnings) counts.warnings++;
    return opts.rows === 'all' || r.status === 'error' || (r.warnings?.length ?? 0) > 0;
  };
  // rows in file order: parsed rows wait for their batch's write, refused ones are already answered
  let queue: (Pending | EntityImportRow)[] = [];
  let pendingRows = 0;
  let inBatch = new Set<string>();
  // batches being written: two at a time on PostgreSQL (two backends work while this one parses), one on PGlite
  const inflight: { done: Promise<EntityImportRow[]>; usccs: Set<string> }[] = [];
  const depth = pipelines(deps.db) ? 2 : 1;
  let line: number | null = null;

  async function* drainOldest(): AsyncGenerator<EntityImportEvent> {
    const oldest = inflight.shift();
    if (!oldest) return;
    for (const r of await oldest.done) if (tally(r)) yield r;
    yield { type: 'progress', bytes: counter.bytes, ...counts };
  }

  // starts writing the queued rows while the caller goes on parsing; results come out in file order
  async function* flush(final = false): AsyncGenerator<EntityImportEvent> {
    if (queue.length > 0) {
      // a USCC still being written by an earlier batch: that batch commits first, so the later row wins
      const overlaps = () => inflight.some((b) => [...inBatch].some((u) => b.usccs.has(u)));
      while (inflight.length >= depth || (inflight.length > 0 && overlaps())) yield* drainOldest();
      const q = queue;
      const pending = q.filter((x): x is Pending => !('type' in x));
      const done = (pending.length > 0 ? writeBatch(deps, ctx, actor, pending, opts.dryRun) : Promise.resolve([])).then(
        (written) => {
          const byLine = new Map(written.map((r) => [r.line, r]));
          return q.map((x) => ('type' in x ? x : (byLine.get(x.line) as EntityImportRow)));
        },
      );
      done.catch(() => {}); // awaited when drained
      inflight.push({ done, usccs: inBatch });
      queue = [];
      pendingRows = 0;
      inBatch = new Set();
    }
    if (final) while (inflight.length > 0) yield* drainOldest();
  }

  try {
    for (let next = await records.next(); !next.done; next = await records.next()) {
      const rec = next.value;
      line = rec.line;
      if (rec.cells.every((c) => c.trim() === '')) continue;
      if (++counts.rows > MAX_IMPORT_ROWS)
        throw new AppError(413, 'too_many_rows', `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分多个文件导入`);
      const parsed = parseImportRow(rec.cells, columns);
      if (!parsed.ok) {
        const r: EntityImportRow = { type: 'row', line: rec.line, status: 'error', errors: parsed.errors };
        const uscc = rec.cells[columns.indexOf('uscc')]?.trim();
        if (uscc) r.uscc = uscc.toUpperCase();
        queue.push(r);
      } else {
        const regionError = checkRegion(actor, levels, parsed.input.regionCode);
        if (regionError) {
          queue.push({
            type: 'row',
            line: rec.line,
            status: 'error',
            uscc: parsed.input.uscc,
            errors: [{ field: 'regionCode', message: regionError }],
          });
        } else {
          // a USCC twice in one batch: the earlier row is written first, the later one updates it
          if (inBatch.has(parsed.input.uscc)) yield* flush();
          queue.push({ line: rec.line, input: parsed.input, checkValid: parsed.checkValid, warnings: parsed.warnings });
          inBatch.add(parsed.input.uscc);
          pendingRows++;
        }
      }
      if (pendingRows >= BATCH_ROWS || queue.length >= 2 * BATCH_ROWS) yield* flush();
    }
    yield* flush(true);
    ctx.audited = true;
    yield { type: 'summary', dryRun: opts.dryRun, ...counts };
  } catch (err) {
    await records.return?.(undefined).catch(() => {});
    await Promise.allSettled(inflight.map((b) => b.done));
    const e = err instanceof AppError ? err : null;
    yield {
      type: 'failed',
      code: e?.code ?? 'import_failed',
      message: e
        ? e.detail
        : `导入在第 ${line ?? 1} 行附近中断（服务器错误）；此前各批已保存，修正后可重新导入整个文件（按统一社会信用代码更新，不会重复）`,
      line,
      ...counts,
    };
    if (!e) throw err; // logged by the route; the client has its line
  }
}

function checkRegion(actor: Actor, levels: Map<string, string>, code: string): string | null {
  const level = levels.get(code);
  if (!level) return `所在区划代码 ${code} 不存在`;
  if (!(ENTITY_REGION_LEVELS as readonly string[]).includes(level)) return regionLevelMessage(code);
  if (!code.startsWith(actor.scope.regionPrefix)) return '所在区划不在本单位的管辖范围内';
  return null;
}

const OUT_OF_SCOPE = '该统一社会信用代码已由本单位管辖范围以外的区划登记，不能在此修改（可联系其所在地的执法部门）';

/** One batch in one transaction: existing USCCs looked up, then one INSERT … ON CONFLICT over the batch. */
async function writeBatch(
  deps: EntityDeps,
  ctx: RequestContext,
  actor: Actor,
  batch: Pending[],
  dryRun: boolean,
): Promise<EntityImportRow[]> {
  const prefix = actor.scope.regionPrefix;
  const usccs = JSON.stringify(batch.map((b) => b.input.uscc));
  const outOfScope = async (tx: Db) =>
    new Set(
      (
        await queryRows<{ uscc: string }>(
          tx,
          sql`select uscc from entities where uscc in (select json_array_elements_text(${usccs}::json)) and region_code not like ${`${prefix}%`}`,
        )
      ).map((r) => r.uscc),
    );
  const refused = (b: Pending): EntityImportRow => ({
    type: 'row',
    line: b.line,
    status: 'error',
    uscc: b.input.uscc,
    errors: [{ field: 'uscc', message: OUT_OF_SCOPE }],
  });
  const withWarnings = (b: Pending) => (b.warnings.length > 0 ? { warnings: b.warnings } : {});
  if (dryRun) {
    const out = await outOfScope(deps.db);
    return batch.map((b) =>
      out.has(b.input.uscc)
        ? refused(b)
        : { type: 'row', line: b.line, status: 'ok', uscc: b.input.uscc, ...withWarnings(b) },
    );
  }
  const first = batch[0]?.line;
  const last = batch[batch.length - 1]?.line;
  return runAudited(
    deps.db,
    deps.clock,
    { ...ctx, audited: false },
    { action: 'entity.import', resourceType: 'entity', detail: `第 ${first}–${last} 行（${batch.length} 行）` },
    async (tx) => {
      const out = await outOfScope(tx);
      const now = deps.clock.now().toISOString();
      const rows = batch
        .filter((b) => !out.has(b.input.uscc))
        .map((b) => ({
          id: randomUUID(),
          uscc: b.input.uscc,
          ok: b.checkValid,
          name: b.input.name,
          kind: b.input.kind,
          region: b.input.regionCode,
          sectors: b.input.sectors.join(','),
          address: b.input.address,
          ...legalRepColumns(deps.sealer, b.input.legalRepresentative),
          risk: b.input.riskClass,
          credit: b.input.creditClass,
          status: b.input.status,
        }));
      const written =
        rows.length === 0
          ? []
          : await queryRows<{ id: string; uscc: string; inserted: boolean }>(
              tx,
              sql`insert into entities as e (id, uscc, uscc_check_valid, name, kind, region_code, sectors, address,
                legal_rep_sealed, legal_rep_hash, legal_rep_masked, risk_class, credit_class, status,
                created_at, updated_at, created_by, updated_by)
              select u.id, u.uscc, u.ok, u.name, u.kind, u.region, string_to_array(u.sectors, ','), u.address,
                u."legalRepSealed", u."legalRepHash", u."legalRepMasked", u.risk, u.credit, u.status,
                ${now}::timestamptz, ${now}::timestamptz, ${actor.userId}::uuid, ${actor.userId}::uuid
              from json_to_recordset(${JSON.stringify(rows)}::json) as u(id uuid, uscc text, ok boolean, name text,
                kind text, region text, sectors text, address text, "legalRepSealed" text, "legalRepHash" text,
                "legalRepMasked" text, risk text, credit text, status text)
              on conflict (uscc) do update set uscc_check_valid = excluded.uscc_check_valid, name = excluded.name,
                kind = excluded.kind, region_code = excluded.region_code, sectors = excluded.sectors,
                address = excluded.address, legal_rep_sealed = excluded.legal_rep_sealed,
                legal_rep_hash = excluded.legal_rep_hash, legal_rep_masked = excluded.legal_rep_masked,
                risk_class = excluded.risk_class, credit_class = excluded.credit_class, status = excluded.status,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
              where e.region_code like ${`${prefix}%`}
                and (e.uscc_check_valid, e.name, e.kind, e.region_code, e.sectors, e.address, e.legal_rep_hash,
                  e.risk_class, e.credit_class, e.status) is distinct from (excluded.uscc_check_valid, excluded.name,
                  excluded.kind, excluded.region_code, excluded.sectors, excluded.address, excluded.legal_rep_hash,
                  excluded.risk_class, excluded.credit_class, excluded.status)
              returning e.id, e.uscc, (e.xmax = 0) as inserted`,
            );
      const byUscc = new Map(written.map((w) => [w.uscc, w]));
      const results = batch.map((b): EntityImportRow => {
        const w = byUscc.get(b.input.uscc);
        if (out.has(b.input.uscc)) return refused(b);
        // in scope, not written: the library already holds exactly this row (or, should another request have moved
        // the entity out of scope since the look-up above, the scope condition refused it: nothing is written)
        if (!w) return { type: 'row', line: b.line, status: 'ok', uscc: b.input.uscc, ...withWarnings(b) };
        return {
          type: 'row',
          line: b.line,
          status: w.inserted ? 'created' : 'updated',
          id: w.id,
          uscc: b.input.uscc,
          ...withWarnings(b),
        };
      });
      return { value: results };
    },
  );
}
