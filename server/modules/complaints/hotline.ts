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
  HotlineClientBody,
  HotlineClientList,
  HotlineClientParams,
  HotlineClientSecret,
  HotlineTicketAnswer,
  HotlineTicketBody,
} from '../../../common/contracts/complaints.contract.js';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type App, actorOf } from '../../platform/http.js';
import { runAudited } from '../audit/audit.api.js';
import { signatureRefusal } from './complaints.rules.js';
import { hotlineClients } from './complaints.schema.js';
import { type ComplaintDeps, intakeComplaint } from './complaints.service.js';

export const HOTLINE_SCOPE = 'hotline:write';
const tags = ['hotline'];
type ClientRow = typeof hotlineClients.$inferSelect;

const viewOf = (c: ClientRow) => ({
  id: c.id,
  name: c.name,
  callbackUrl: c.callbackUrl,
  scopes: c.scopes,
  createdAt: c.createdAt,
  rotatedAt: c.rotatedAt,
});

const newSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

async function saveClient(
  deps: ComplaintDeps,
  ctx: RequestContext,
  action: 'create' | 'rotate',
  id: string,
  make: (tx: Db, secretSealed: string, now: Date) => Promise<ClientRow | undefined>,
) {
  return runAudited(
    deps.db,
    deps.clock,
    ctx,
    { action: `hotline_client.${action}`, resourceType: 'hotline_client', resourceId: id },
    async (tx) => {
      const secret = newSecret();
      const row = await make(tx, deps.sealer.seal(secret), deps.clock.now());
      if (!row)
        throw action === 'create'
          ? new AppError(409, 'client_exists', `客户端标识“${id}”已被使用`)
          : new AppError(404, 'not_found', '12345 热线客户端不存在');
      return { value: { ...viewOf(row), secret } };
    },
  );
}

/** Why a signed request is refused (401), or null with the client when it holds. */
async function refusalOf(deps: ComplaintDeps, req: FastifyRequest, raw: string): Promise<string | null> {
  const clientId = req.headers['x-zhifa-client'];
  if (typeof clientId !== 'string' || clientId.length > 40) return '缺少 X-Zhifa-Client 客户端标识';
  const [client] = await deps.db.select().from(hotlineClients).where(eq(hotlineClients.id, clientId)).limit(1);
  if (!client?.scopes.includes(HOTLINE_SCOPE)) return '客户端不存在或无权提交 12345 工单';
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
  app.get(
    '/api/v1/hotline/clients',
    {
      config: { ability: 'hotline_client.manage' },
      schema: { tags, summary: '12345 热线客户端', response: { 200: HotlineClientList } },
    },
    async () => ({
      data: (await deps.db.select().from(hotlineClients).orderBy(asc(hotlineClients.id))).map(viewOf),
    }),
  );
  app.post(
    '/api/v1/hotline/clients',
    {
      config: { ability: 'hotline_client.manage', audit: 'hotline_client.create' },
      schema: {
        tags,
        summary: '新建 12345 热线客户端（密钥只显示这一次）',
        body: HotlineClientBody,
        response: { 201: HotlineClientSecret },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const b = req.body;
      const out = await saveClient(deps, req.ctx, 'create', b.id, async (tx, secretSealed, now) => {
        const [row] = await tx
          .insert(hotlineClients)
          .values({
            id: b.id,
            name: b.name,
            secretSealed,
            callbackUrl: b.callbackUrl ?? null,
            scopes: [HOTLINE_SCOPE],
            createdAt: now,
            rotatedAt: now,
            createdBy: actor.userId,
          })
          .onConflictDoNothing()
          .returning();
        return row;
      });
      return reply.code(201).send(out);
    },
  );
  app.post(
    '/api/v1/hotline/clients/:clientId/rotate',
    {
      config: { ability: 'hotline_client.manage', audit: 'hotline_client.rotate' },
      schema: {
        tags,
        summary: '更换 12345 热线客户端的密钥（旧密钥立即失效，新密钥只显示这一次）',
        params: HotlineClientParams,
        response: { 200: HotlineClientSecret },
      },
    },
    async (req) =>
      saveClient(deps, req.ctx, 'rotate', req.params.clientId, async (tx, secretSealed, now) => {
        const [row] = await tx
          .update(hotlineClients)
          .set({ secretSealed, rotatedAt: now })
          .where(eq(hotlineClients.id, req.params.clientId))
          .returning();
        return row;
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
