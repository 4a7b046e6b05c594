/**
 * A case's files: evidence downloads, re-checked against their SHA-256, and the documents rendered as PDF from the
 * case and its record.
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import { AppError, notFound } from '../../platform/errors.js';
import { items } from '../catalog/catalog.api.js';
import { caseEventsOf } from './case-record.js';
import { type CaseDeps, getCase, loadCase } from './cases.service.js';
import { evidenceBlobs } from './cases.schema.js';
import { type CaseForDocument, DOCUMENT_TITLES, type DocumentKind, renderCaseDocument } from './documents.js';

/** An evidence file of a case, re-checked against its SHA-256 before it is served. */
export async function evidenceFile(deps: CaseDeps, actor: Actor, caseId: string, sha256: string) {
  await loadCase(deps.db, actor, caseId);
  const events = await caseEventsOf(deps.db, caseId);
  const meta = events.flatMap((e) => e.attachments).find((a) => a.sha256 === sha256);
  if (!meta) throw notFound('证据文件');
  const [blob] = await deps.db.select().from(evidenceBlobs).where(eq(evidenceBlobs.sha256, sha256));
  if (!blob) throw notFound('证据文件');
  const actual = createHash('sha256').update(blob.content).digest('hex');
  if (actual !== sha256) throw new AppError(500, 'evidence_corrupted', '证据文件与其登记的哈希值不一致，已拒绝提供');
  return { name: meta.name, mime: blob.mime, content: blob.content };
}

/** A case document as PDF, from the case data and its record. */
export async function caseDocument(
  deps: CaseDeps,
  actor: Actor,
  id: string,
  kind: DocumentKind,
): Promise<{ filename: string; pdf: Buffer }> {
  const view = await getCase(deps, actor, id);
  // a document is made only from data its record vouches for
  if (!view.recordCheck.ok) {
    const what = [...new Set(view.recordCheck.differences.map((d) => d.label))];
    throw new AppError(
      409,
      'record_mismatch',
      view.recordCheck.chainIntact
        ? `案件数据与全过程记录不一致（${what.join('、')}），已拒绝出具“${DOCUMENT_TITLES[kind]}”。请联系系统管理员运行 zhifa verify 核查`
        : `案件全过程记录的哈希链已断裂，已拒绝出具“${DOCUMENT_TITLES[kind]}”。请联系系统管理员运行 zhifa verify 核查`,
    );
  }
  const [item] = await deps.db
    .select()
    .from(items)
    .where(eq(items.id, view.item?.id ?? ''));
  const delivered = (await caseEventsOf(deps.db, id)).findLast((e) => e.type === 'deliver');
  const pdf = await renderCaseDocument(kind, {
    ...view,
    item: item ? { name: item.name, legalBasis: item.legalBasis } : null,
    intended: view.intended as CaseForDocument['intended'],
    decision: view.decision as CaseForDocument['decision'],
    deliveryMethod:
      DELIVERY_METHOD_LABELS[String((delivered?.payload as { method?: string } | undefined)?.method)] ?? null,
  });
  return { filename: `${DOCUMENT_TITLES[kind]}-${view.number}.pdf`, pdf };
}

const DELIVERY_METHOD_LABELS: Record<string, string> = {
  on_site: '直接送达',
  post: '邮寄送达',
  electronic: '电子送达',
  public_notice: '公告送达',
  retained: '留置送达',
};
