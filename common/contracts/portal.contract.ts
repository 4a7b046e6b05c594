/**
 * Contract of the public outputs (no login): the published decisions `GET /api/v1/public/decisions` and the public
 * case behind a case code (一案一码) `GET /api/v1/public/cases/:code`, which other systems and the public verifier
 * (web/verify) read; and the public HTML pages (/public…, /v/:code), which declare text/html. Personal data is
 * masked by the server's one renderer before any of it is built.
 */
import { z } from 'zod';
import { CIRCUMSTANCES, PENALTY_KINDS, PUBLISH_KINDS } from '../enums.js';
import { CivilDate, DateString, Instant, Page, PageQuery, type Wire } from './kit.js';
import { CheckpointView } from './transparency.contract.js';

// Requests

/** An empty form field (the public search form sends every field) means "not given". */
const blankAsMissing = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const Text = z.preprocess(blankAsMissing, z.string().trim().max(100).optional());

export const PublicDecisionQuery = PageQuery.extend({
  org: Text,
  item: Text,
  /** Organisations only: a natural person is never searchable by name. */
  party: Text,
  from: z.preprocess(blankAsMissing, CivilDate('from 须为 YYYY-MM-DD').optional()),
  to: z.preprocess(blankAsMissing, CivilDate('to 须为 YYYY-MM-DD').optional()),
});
export type PublicDecisionQuery = z.output<typeof PublicDecisionQuery>;

/** The HTML page is lenient: a malformed date or page number is ignored rather than answered with JSON. */
export const PublicDecisionPageQuery = PageQuery.extend({
  current: PageQuery.shape.current.catch(1),
  pageSize: PageQuery.shape.pageSize.catch(20),
  org: Text.catch(undefined),
  item: Text.catch(undefined),
  party: Text.catch(undefined),
  from: z.preprocess(blankAsMissing, CivilDate().optional()).catch(undefined),
  to: z.preprocess(blankAsMissing, CivilDate().optional()).catch(undefined),
});

export const PublicCaseCodeParams = z.object({ code: z.string().min(1).max(64) });

/** The case-code and certificate entry forms: what was typed or pasted. */
export const PortalEntryQuery = z.object({ code: z.string().max(500).optional().catch(undefined) });

// Answers

/** The party as published: a natural person's name masked (张*三), an organisation's with its USCC. */
export const PublicPartyView = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('person'), name: z.string() }),
  z.object({ kind: z.literal('organisation'), name: z.string(), uscc: z.string().nullable() }),
]);
export type PublicParty = Wire<typeof PublicPartyView>;

/** One published decision. */
export const PublicDecisionView = z.object({
  caseCode: z.string().nullable(),
  /** The public case page (/v/<caseCode>). */
  url: z.string().nullable(),
  number: z.string(),
  orgName: z.string(),
  item: z.object({ baseCode: z.string(), name: z.string() }),
  party: PublicPartyView,
  kind: z.enum(PUBLISH_KINDS),
  decision: z.object({ penaltyKinds: z.array(z.enum(PENALTY_KINDS)), amountFen: z.number() }).nullable(),
  decidedAt: Instant,
  publishedAt: Instant,
});
export type PublicDecision = Wire<typeof PublicDecisionView>;
export const PublicDecisionPage = Page(PublicDecisionView);

/** The decision as published: penalty, amounts, the benchmark applied (id, version, owner), tier and range. */
export const PublicCaseDecisionView = z.object({
  circumstance: z.enum(CIRCUMSTANCES),
  penaltyKinds: z.array(z.enum(PENALTY_KINDS)),
  amountFen: z.number(),
  illegalIncomeFen: z.number().nullable(),
  goodsValueFen: z.number().nullable(),
  benchmark: z.object({ id: z.string(), version: z.number(), ownerOrgName: z.string() }).nullable(),
  tier: z.enum(CIRCUMSTANCES).nullable(),
  allowed: z
    .object({
      circumstance: z.enum(CIRCUMSTANCES),
      penaltyKinds: z.array(z.string()),
      minFen: z.number().nullable(),
      maxFen: z.number().nullable(),
    })
    .nullable(),
  withinRange: z.boolean(),
});

const LeafBody = {
  seq: z.number().int(),
  type: z.string(),
  at: z.string().describe('ISO 8601（UTC），按记录原样'),
  /** The whitelisted, masked projection of the event's payload. */
  public: z.record(z.string(), z.unknown()),
  /** The event's hash in the subject's chain, recomputed from the stored event. */
  eventHash: z.string(),
};
/**
 * A transparency-log leaf as the page shows it and the browser hashes it (common/transparency-leaf.ts, the format
 * in docs/publicity.md): v2 names the subject, v1 a penalty case.
 */
export const TransparencyLeafView = z.union([
  z.object({ v: z.literal(2), subjectType: z.string(), subjectId: z.string(), ...LeafBody }),
  z.object({ v: z.literal(1), caseId: z.string(), ...LeafBody }),
]);

/** The public case behind a case code: withdrawn, ended, or shown with its record and the log's proof material. */
export const PublicCaseView = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('withdrawn'),
    caseCode: z.string(),
    withdrawnAt: Instant,
    reason: z.enum(['revoked', 'corrected']),
  }),
  z.object({
    status: z.literal('ended'),
    caseCode: z.string(),
    endedAt: Instant,
    reason: z.enum(['period', 'credit_repair']),
  }),
  z.object({
    status: z.literal('active'),
    caseCode: z.string(),
    number: z.string(),
    orgName: z.string(),
    item: z.object({ baseCode: z.string(), name: z.string(), law: z.string().nullable() }),
    party: PublicPartyView,
    decidedAt: Instant,
    decision: PublicCaseDecisionView.nullable(),
    deviation: z.boolean(),
    publicity: z.object({ publishBy: DateString.nullable(), publishedAt: Instant.nullable() }),
    steps: z.array(z.object({ seq: z.number().int(), type: z.string(), label: z.string(), at: z.string() })),
    /** The record events covered by the latest checkpoint, each with its leaf and its index in the log. */
    events: z.array(z.object({ leafIndex: z.number().int(), leaf: TransparencyLeafView })),
    leafIndexes: z.array(z.number().int()),
    /** The latest signed checkpoint (null before the first). */
    checkpoint: CheckpointView.nullable(),
    /** Record events of the case not covered by the latest checkpoint yet; the page is verified only when 0. */
    unlogged: z.number().int(),
  }),
]);
export type PublicCase = Wire<typeof PublicCaseView>;
/** The case data the public page embeds (#case-data) for the in-browser check. */
export type PublicActiveCase = Extract<PublicCase, { status: 'active' }>;

/** The public HTML pages. */
export const HtmlPage = {
  description: 'HTML 页面',
  content: { 'text/html': { schema: z.string().describe('HTML') } },
};
