/**
 * The 12345 hotline's door: its machine clients (made and rotated by the system administrator in the console, the
 * secret shown once and kept sealed, since the server must recompute the HMAC) and the signed tickets
 * (`POST /api/v1/hotline/tickets`, HMAC-SHA256 over `timestamp + "." + body` in `X-Zhifa-Signature: t=<unix>,v1=<hex>`,
 * the client in `X-Zhifa-Client`). A bad signature, an unknown client or a timestamp more than 5 minutes off: 401,
 * nothing stored. The same ticket number again: 200 with the same complaint.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { asc, eq } from 'drizzle-orm';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  HotlineCallbackBody,
  HotlineClientBody,
  HotlineClientList,
  HotlineClientParams,
  HotlineClientSecret,
  HotlineClientView,
  HotlineTicketAnswer,
  HotlineTicketBody,
  MACHINE_SCOPES,
  type MachineScope,
} from '../../../common/contracts/complaints.contract.js';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type App, actorOf } from '../../platform/http.js';
import { runAudited } from '../audit/audit.api.js';
import { signatureRefusal } from './complaints.rules.js';
import { hotlineClients } from './complaints.schema.js';
import { type ComplaintDeps, intakeComplaint } from './complaints.service.js';

export const HOTLINE_SCOPE: MachineScope = 'hotline:write';
export const OPEN311_SCOPE: MachineScope = 'open311:write';
const tags = ['hotline'];
type ClientRow = typeof hotlineClients.$inferSelect;

const viewOf = (c: ClientRow) => ({
  id: c.id,
  name: c.name,
  callbackUrl: c.callbackUrl,
  scopes: c.scopes,
  createdAt: c.createdAt,
  rotatedAt: c.rotatedAt,
  state: c.revokedAt ? ('revoked' as const) : ('active' as const),
  revokedAt: c.revokedAt,
});

const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;
const NOT_FOUND = () => new AppError(404, 'not_found', '机器客户端不存在');
const REVOKED = () => new AppError(409, 'client_revoked', '该机器客户端已停用，不能再更换密钥或修改回调地址');

/** Change one client under an audit row; refused for an unknown (404) or revoked (409) client. */
async function changeClient<T>(
  deps: ComplaintDeps,
  ctx: RequestContext,
  action: string,
  id: string,
  change: (tx: Db, row: ClientRow, now: Date) => Promise<T>,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: `hotline_client.${action}`, resourceType: 'hotline_client', resourceId: id },
    async (tx) => {
      const [row] = await tx.select().from(hotlineClients).where(eq(hotlineClients.id, id)).for('update').limit(1);
      if (!row) throw NOT_FOUND();
      if (row.revokedAt) throw REVOKED();
      return { value: await change(tx, row, deps.clock.now()) };
    },
  );
}

/** A new secret: sealed (the HMAC is recomputed from it) and its keyed hash (the Open311 `api_key` lookup). */
function issueSecret(deps: ComplaintDeps) {
  const secret = newSecret();
  return { secret, secretSealed: deps.sealer.seal(secret), secretHash: deps.sealer.lookupHash(secret) };
}

/** The active client an Open311 `api_key` names with scope `open311:write`, or null. */
export async function open311Client(deps: ComplaintDeps, apiKey: string): Promise<ClientRow | null> {
  const [client] = await deps.db
    .select()
    .from(hotlineClients)
    .where(eq(hotlineClients.secretHash, deps.sealer.lookupHash(apiKey)))
    .limit(1);
  return client && !client.revokedAt && client.scopes.includes(OPEN311_SCOPE) ? client : null;
}

/** Why a signed request is refused (401), or null with the client when it holds. */
async function refusalOf(deps: ComplaintDeps, req: FastifyRequest, raw: string): Promise<string | null> {
  const clientId = req.headers['x-zhifa-client'];
  if (typeof clientId !== 'string' || clientId.length > 40) return '缺少 X-Zhifa-Client 客户端标识';
  const [client] = await deps.db.select().from(hotlineClients).where(eq(hotlineClients.id, clientId)).limit(1);
  if (!client?.scopes.includes(HOTLINE_SCOPE) || client.revokedAt) return '客户端不存在、已停用或无权提交 12345 工单';
  const header = req.headers['x-zhifa-signature'];
  return signatureRefusal(
    typeof header === 'string' ? header : undefined,
    deps.sealer.open(client.secretSealed),
    raw,
    deps.clock.now(),
  );
}

const RAW = Symbol('rawBody');
type WithRaw = FastifyRequest & { [RAW]?: string; bodyInvalid?: boolean };

export function hotlineRoutes(app: App, deps: ComplaintDeps) {
  const manage = (audit: string) => ({ ability: 'hotline_client.manage', audit: `hotline_client.${audit}` });
  app.get(
    '/api/v1/hotline/clients',
    {
      config: { ability: 'hotline_client.manage' },
      schema: { tags, summary: '机器客户端（12345 热线、Open311）', response: { 200: HotlineClientList } },
    },
    async () => ({
      data: (await deps.db.select().from(hotlineClients).orderBy(asc(hotlineClients.id))).map(viewOf),
    }),
  );
  app.post(
    '/api/v1/hotline/clients',
    {
      config: manage('create'),
      schema: {
        tags,
        summary: '新建机器客户端，选择权限范围（密钥只显示这一次）',
        body: HotlineClientBody,
        response: { 201: HotlineClientSecret },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      const out = await runAudited(
        deps.db,
        deps.clock,
        req.ctx,
        { action: 'hotline_client.create', resourceType: 'hotline_client', resourceId: b.id },
        async (tx) => {
          const { secret, secretSealed, secretHash } = issueSecret(deps);
          const now = deps.clock.now();
          const [row] = await tx
            .insert(hotlineClients)
            .values({
              id: b.id,
              name: b.name,
              secretSealed,
              secretHash,
              callbackUrl: b.callbackUrl ?? null,
              scopes: MACHINE_SCOPES.filter((s) => b.scopes.includes(s)),
              createdAt: now,
              rotatedAt: now,
              createdBy: actor.userId,
            })
            .onConflictDoNothing()
            .returning();
          if (!row) throw new AppError(409, 'client_exists', `客户端标识“${b.id}”已被使用`);
          return { value: { ...viewOf(row), secret } };
        },
      );
      return reply.code(201).send(out);
    },
  );
  app.post(
    '/api/v1/hotline/clients/:clientId/rotate',
    {
      config: manage('rotate'),
      schema: {
        tags,
        summary: '更换机器客户端的密钥（旧密钥立即失效，新密钥只显示这一次）',
        params: HotlineClientParams,
        response: { 200: HotlineClientSecret },
      },
    },
    async (req) =>
      changeClient(deps, req.ctx, 'rotate', req.params.clientId, async (tx, row, now) => {
        const { secret, secretSealed, secretHash } = issueSecret(deps);
        const [updated] = await tx
          .update(hotlineClients)
          .set({ secretSealed, secretHash, rotatedAt: now })
          .where(eq(hotlineClients.id, row.id))
          .returning();
        return { ...viewOf(updated ?? row), secret };
      }),
  );
  app.put(
    '/api/v1/hotline/clients/:clientId/callback',
    {
      config: manage('set_callback'),
      schema: {
        tags,
        summary: '设置或清除机器客户端的回调地址',
        params: HotlineClientParams,
        body: HotlineCallbackBody,
        response: { 200: HotlineClientView },
      },
    },
    async (req) =>
      changeClient(deps, req.ctx, 'set_callback', req.params.clientId, async (tx, row) => {
        const [updated] = await tx
          .update(hotlineClients)
          .set({ callbackUrl: req.body.callbackUrl })
          .where(eq(hotlineClients.id, row.id))
          .returning();
        return viewOf(updated ?? row);
      }),
  );
  app.post(
    '/api/v1/hotline/clients/:clientId/revoke',
    {
      config: manage('revoke'),
      schema: {
        tags,
        summary: '停用机器客户端（此后其密钥在各接口一律被拒绝，不可恢复）',
        params: HotlineClientParams,
        response: { 200: HotlineClientView },
      },
    },
    async (req) =>
      changeClient(deps, req.ctx, 'revoke', req.params.clientId, async (tx, row, now) => {
        const [updated] = await tx
          .update(hotlineClients)
          .set({ revokedAt: now, revokedBy: actorOf(req).userId })
          .where(eq(hotlineClients.id, row.id))
          .returning();
        return viewOf(updated ?? row);
      }),
  );

  // The signed intake keeps the body's bytes: the HMAC is over them, not over a re-serialisation.
  app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
      const r = req as WithRaw;
      r[RAW] = body as string;
      try {
        done(null, JSON.parse(body as string));
      } catch {
        r.bodyInvalid = true;
        done(null, {});
      }
    });
    scope.post(
      '/api/v1/hotline/tickets',
      {
        config: { public: true, audit: 'complaint.receive' },
        schema: {
          tags,
          summary: '接收 12345 工单（HMAC-SHA256 签名；同一工单编号重复提交返回同一投诉）',
          body: HotlineTicketBody,
          response: { 200: HotlineTicketAnswer, 201: HotlineTicketAnswer },
        },
        preValidation: async (req: FastifyRequest, _reply: FastifyReply) => {
          const r = req as WithRaw;
          const refusal = await refusalOf(deps, req, r[RAW] ?? '');
          if (refusal) throw new AppError(401, 'bad_signature', refusal);
          if (r.bodyInvalid) throw new AppError(400, 'invalid_json', '请求体不是有效的 JSON');
        },
      },
      async (req, reply) => {
        const t = req.body;
        const out = await intakeComplaint(
          deps,
          req.ctx,
          {
            kind: t.kind,
            content: t.content,
            regionCode: t.regionCode,
            ...(t.address ? { address: t.address } : {}),
            ...(t.itemId ? { itemId: t.itemId } : {}),
            ...(t.contact?.name ? { reporterName: t.contact.name } : {}),
            ...(t.contact?.phone ? { reporterPhone: t.contact.phone } : {}),
          },
          {
            channel: 'hotline',
            receivedAt: new Date(t.receivedAt),
            hotlineDueAt: t.dueAt ? new Date(t.dueAt) : null,
            hotlineClientId: String(req.headers['x-zhifa-client']),
            externalRef: t.ticketNumber,
            attachments: t.attachments,
          },
        );
        return reply.code(out.created ? 201 : 200).send(out);
      },
    );
  });
}
