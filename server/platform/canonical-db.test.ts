/**
 * Hashes cover exactly what is stored: random Unicode, numbers and nesting go into the database (text columns of
 * the audit trail, jsonb columns of the case record) and come back to the same hash — on PGlite and PostgreSQL.
 * And rows hashed with the encoding used before RFC 8785 still verify.
 */
import { asc, desc, eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../common/canonical-json.js';
import { leafBytes } from '../../common/transparency-leaf.js';
import type { Db } from '../db/client.js';
import { auditEvents } from '../modules/audit/audit.schema.js';
import { appendAudit, auditHash, verifyAuditChain } from '../modules/audit/audit.service.js';
import { appendCaseEvent, caseEventsOf, verifyCaseChain } from '../modules/cases/case-record.js';
import { caseEvents, cases } from '../modules/cases/cases.schema.js';
import { verifyLog } from '../modules/transparency/log-verify.js';
import { leafOf, sequencePending } from '../modules/transparency/transparency.service.js';
import { createSealer, sha256Hex } from './crypto.js';
import type { RequestContext } from './context.js';
import { type TestEnv, createTestEnv } from '../test/harness.js';
import { legacyAuditJson, legacyCanonicalJson } from '../test/legacy-encoding.js';

let env: TestEnv;
let db: Db;
let caseId: string;
beforeAll(async () => {
  env = await createTestEnv();
  db = env.database.db;
  const [c] = await db.select({ id: cases.id }).from(cases).orderBy(asc(cases.number)).limit(1);
  caseId = (c as { id: string }).id;
});
afterAll(() => env.close());

/** Any text at all, lone surrogates and NUL included: what a hostile request can carry. */
const anyText = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('\u0000', '"', '\\', '\u2028', '\u001f', '\r\n', '\ufffd', '\ud83d\ude00'),
  ),
  maxLength: 40,
});
/** Text the edge lets through: well-formed, without NUL. */
const storableText = fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replaceAll('\u0000', ''));
const storableJson = fc
  .jsonValue({ stringUnit: 'binary', maxDepth: 4 })
  .filter((v) => !JSON.stringify(v).includes('\\u0000'));
const numbers = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom(0, -0, 1e21, 1e-7, 5e-324, 1.7976931348623157e308, 2 ** 53 + 2, 0.1 + 0.2),
);

const ctxOf = (userAgent: string | null, ip: string | null): RequestContext => ({
  actor: null,
  ip,
  userAgent,
  audited: false,
});

describe('audit rows (text columns): the hash the database computed is the hash of what it stored', () => {
  it('for any text, hostile included: the row verifies and holds the text made storable', async () => {
    await fc.assert(
      fc.asyncProperty(anyText, anyText, anyText, anyText, async (username, resourceId, detail, userAgent) => {
        await db.transaction(async (tx) => {
          await appendAudit(tx as unknown as Db, env.clock, ctxOf(userAgent, '127.0.0.1'), {
            action: 'test.roundtrip',
            outcome: 'failure',
            actorUsername: username,
            resourceId,
            detail,
            code: 'unsafe_text',
          });
        });
        const [row] = await db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
        if (!row) throw new Error('no row');
        expect(auditHash(row)).toBe(row.hash);
        for (const v of [row.actorUsername, row.resourceId, row.detail, row.userAgent])
          expect(() => canonicalJson(v)).not.toThrow();
      }),
      { seed: 11, numRuns: 120 },
    );
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('a user agent cut at 512 through a surrogate pair is mended before it is hashed', async () => {
    await db.transaction(async (tx) => {
      await appendAudit(tx as unknown as Db, env.clock, ctxOf(`${'a'.repeat(511)}\ud83d\ude00`, null), {
        action: 'test.cut',
        outcome: 'success',
      });
    });
    const [row] = await db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    expect(row?.userAgent).toBe(`${'a'.repeat(511)}\ufffd`);
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });
});

describe('case record events (jsonb columns): stored, read back and hashed again to the same hash', () => {
  it('for any storable JSON: Unicode, numbers, nesting', async () => {
    const payload = fc.record({
      text: storableText,
      n: numbers,
      nested: storableJson,
      list: fc.array(fc.oneof(storableText, numbers, fc.boolean(), fc.constant(null)), { maxLength: 6 }),
      [`k${'\u00e9'}`]: fc.dictionary(storableText, storableJson, { maxKeys: 4 }),
    });
    await fc.assert(
      fc.asyncProperty(payload, async (p) => {
        const written = await db.transaction((tx) =>
          appendCaseEvent(tx as unknown as Db, caseId, {
            type: 'roundtrip',
            at: env.clock.now(),
            actorId: null,
            role: null,
            orgId: null,
            payload: structuredClone(p) as Record<string, unknown>, // (fast-check's records have no prototype)
            attachments: [],
            location: { address: 'x', lat: 23.1, lng: 113.3 },
          }),
        );
        if (!written) throw new Error('not written');
        const [stored] = await db.select().from(caseEvents).where(eq(caseEvents.id, written.id));
        if (!stored) throw new Error('no row');
        expect(stored.hash).toBe(written.hash);
        expect(leafBytes(leafOf(stored))).toEqual(leafBytes(leafOf(written)));
      }),
      { seed: 12, numRuns: 120 },
    );
    expect(await verifyCaseChain(db, caseId)).toMatchObject({ ok: true });
    await sequencePending({ db, clock: env.clock, sealer: createSealer(env.config.secretKey) });
    expect(await verifyLog({ db, clock: env.clock, sealer: createSealer(env.config.secretKey) })).toMatchObject({
      ok: true,
      pending: 0,
    });
  });
});

describe('rows hashed before RFC 8785 still verify', () => {
  const samples = [
    '广州某某食品贸易有限公司',
    'emoji 😀 and 𝄞',
    'quotes " and \\ backslash',
    'control \u0001\u001f\t\n\r',
    'separators \u2028\u2029',
    'replacement \ufffd',
    'Latin é ö ß',
  ];

  it('audit rows written with JSON.stringify([...fields, prevHash])', async () => {
    const [last] = await db.select().from(auditEvents).orderBy(desc(auditEvents.seq)).limit(1);
    let prev = (last as { hash: string }).hash;
    for (const [i, text] of samples.entries()) {
      const at = new Date(env.clock.now().getTime() + i);
      const fields = [
        at.toISOString(),
        null,
        text,
        null,
        'legacy.row',
        'case',
        text,
        'failure',
        'x',
        text,
        '127.0.0.1',
        text,
      ];
      const hash = sha256Hex(legacyAuditJson(fields, prev));
      // the old statement shape: the row inserted as the old code hashed it, the head moved to it
      await db.transaction(async (tx) => {
        await tx.execute(sql`update audit_head set prev_hash = hash, hash = ${hash} where id = 1`);
        await tx.insert(auditEvents).values({
          at,
          actorUsername: text,
          action: 'legacy.row',
          resourceType: 'case',
          resourceId: text,
          outcome: 'failure',
          code: 'x',
          detail: text,
          ip: '127.0.0.1',
          userAgent: text,
          prevHash: prev,
          hash,
        });
      });
      prev = hash;
    }
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true });
  });

  it('case events written with sorted keys + JSON.stringify', async () => {
    const events = await caseEventsOf(db, caseId);
    const head = events.at(-1) as { seq: number; hash: string };
    let prev = head.hash;
    let seq = head.seq;
    for (const text of samples) {
      seq++;
      const at = env.clock.now();
      const payload = {
        text,
        amountFen: 2_000_000,
        ratio: 0.3,
        big: 1e21,
        tiny: 1e-7,
        nested: { z: [text, -1.5], a: true },
      };
      const bytes = legacyCanonicalJson({
        caseId,
        seq,
        type: 'legacy',
        at: at.toISOString(),
        actorId: null,
        role: null,
        orgId: null,
        payload,
        attachments: [],
        location: null,
      });
      const hash = sha256Hex(`${prev}\n${bytes}`);
      await db.transaction(async (tx) => {
        await tx.insert(caseEvents).values({
          caseId,
          seq,
          type: 'legacy',
          at,
          actorId: null,
          role: null,
          orgId: null,
          payload,
          attachments: [],
          location: null,
          prevHash: prev,
          hash,
        });
        await tx.update(cases).set({ lastEventSeq: seq, lastEventHash: hash }).where(eq(cases.id, caseId));
      });
      prev = hash;
    }
    expect(await verifyCaseChain(db, caseId)).toMatchObject({ ok: true });
  });
});
