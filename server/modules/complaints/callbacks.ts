/**
 * The 12345 client's callbacks (issue 14): each status change of a complaint that came from a hotline client with a
 * callback URL — accepted, transferred, replied, closed, and rejected (不予受理 ends it too) — is appended to the
 * outbox in the step's own transaction, and the worker posts it signed with the scheme of the incoming tickets
 * (`X-Zhifa-Signature: t=<unix>,v1=<hex>` over `timestamp + "." + body`, the client's current secret,
 * `X-Zhifa-Client`). docs/exchange.md and docs/complaints.md.
 */
import { and, eq, isNull } from 'drizzle-orm';
import { COMPLAINT_STATE_LABELS, type ComplaintState } from '../../../common/enums.js';
import type { Db } from '../../db/client.js';
import { appendMessage, registerTopic } from '../../platform/outbox/outbox.js';
import { signatureHeader } from './complaints.rules.js';
import { complaints, hotlineClients } from './complaints.schema.js';

export const STATUS_TOPIC = 'complaint.status';

/** The states the client is told about. */
export const CALLBACK_STATES: readonly ComplaintState[] = ['accepted', 'transferred', 'replied', 'closed', 'rejected'];

registerTopic(STATUS_TOPIC, {
  label: '投诉举报办理状态（12345 回调）',
  describe: (b) => `受理编号 ${String(b.trackingNumber ?? '')}：${String(b.statusLabel ?? '')}`,
  async headers({ db, sealer }, m, now) {
    const [client] = await db
      .select({ secretSealed: hotlineClients.secretSealed })
      .from(hotlineClients)
      .where(eq(hotlineClients.id, m.destination))
      .limit(1);
    if (!client) throw new Error('12345 热线客户端已不存在');
    const unix = Math.floor(now.getTime() / 1000);
    return {
      'x-zhifa-client': m.destination,
      'x-zhifa-signature': signatureHeader(sealer.open(client.secretSealed), unix, m.body),
    };
  },
});

/**
 * Appends the status callback of complaint `id` in `tx` after a step moved it to `state`, when it is one the client
 * is told about and the complaint came from a hotline client with a callback URL. Returns the delivery's id or null.
 */
export async function appendStatusCallback(
  tx: Db,
  id: string,
  state: ComplaintState,
  now: Date,
): Promise<string | null> {
  if (!CALLBACK_STATES.includes(state)) return null;
  const [row] = await tx
    .select({
      trackingNumber: complaints.trackingNumber,
      ticketNumber: complaints.externalRef,
      clientId: complaints.hotlineClientId,
      replyText: complaints.replyText,
      rejectReason: complaints.rejectReason,
      callbackUrl: hotlineClients.callbackUrl,
    })
    .from(complaints)
    // a revoked client is told nothing more: its secret no longer signs anything
    .innerJoin(hotlineClients, and(eq(hotlineClients.id, complaints.hotlineClientId), isNull(hotlineClients.revokedAt)))
    .where(eq(complaints.id, id))
    .limit(1);
  if (!row?.callbackUrl || !row.clientId) return null;
  return appendMessage(
    tx,
    {
      topic: STATUS_TOPIC,
      destination: row.clientId,
      endpoint: row.callbackUrl,
      recordKey: `complaint:${id}`,
      body: {
        ticketNumber: row.ticketNumber,
        trackingNumber: row.trackingNumber,
        status: state,
        statusLabel: COMPLAINT_STATE_LABELS[state],
        at: now.toISOString(),
        ...(state === 'replied' ? { replyText: row.replyText } : {}),
        ...(state === 'rejected' ? { reason: row.rejectReason } : {}),
      },
    },
    now,
  );
}
