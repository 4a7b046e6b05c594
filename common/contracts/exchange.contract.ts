/**
 * Contract of the outbox's deliveries (`/api/v1/exchange/…`, docs/exchange.md): what waits, what failed and why,
 * what stopped being retried (resent by hand), and each receiver's figures.
 */
import { z } from 'zod';
import { DELIVERY_STATES } from '../enums.js';
import { Instant, Page, PageQuery, type Wire } from './kit.js';

export const DeliveryListQuery = PageQuery.extend({
  /** pending: not delivered yet (failing ones first); dead: stopped after the last retry. Default: both. */
  state: z.enum(DELIVERY_STATES).optional(),
  /** The receiver (a 12345 client's id). */
  clientId: z.string().max(40).optional(),
  /** Only those whose last attempt failed (pending). */
  failing: z.enum(['true', 'false']).optional(),
});
export type DeliveryListQuery = z.output<typeof DeliveryListQuery>;

export const DeliveryView = z.object({
  id: z.uuid(),
  topic: z.string(),
  topicLabel: z.string(),
  destination: z.object({ id: z.string(), name: z.string() }),
  /** What the message says, for people (受理编号 and the status told). */
  summary: z.string(),
  state: z.enum(DELIVERY_STATES),
  stateLabel: z.string(),
  attempts: z.number().int(),
  createdAt: Instant,
  nextAttemptAt: Instant.nullable(),
  lastAttemptAt: Instant.nullable(),
  /** The HTTP status of the receiver's last answer; null when it did not answer. */
  lastStatus: z.number().int().nullable(),
  /** The receiver's last answer (or the network error). */
  lastError: z.string().nullable(),
  deliveredAt: Instant.nullable(),
  /** It waits until an earlier message of the same record is delivered (order per record). */
  waitingBehind: z.boolean(),
});
export type Delivery = Wire<typeof DeliveryView>;
export const DeliveryPage = Page(DeliveryView);

/** One receiver's figures (the 12345 client settings page shows them as 回调状态). */
export const DestinationStatusView = z.object({
  id: z.string(),
  name: z.string(),
  endpoint: z.string().nullable(),
  pending: z.number().int(),
  /** Pending whose last attempt failed. */
  failing: z.number().int(),
  dead: z.number().int(),
  delivered: z.number().int(),
  lastSuccessAt: Instant.nullable(),
  lastFailureAt: Instant.nullable(),
  /** Seconds the oldest undelivered message has waited (0 when none). */
  lagSeconds: z.number().int(),
});
export type DestinationStatus = Wire<typeof DestinationStatusView>;
export const DestinationStatusList = z.object({ data: z.array(DestinationStatusView) });
export const DestinationQuery = z.object({ clientId: z.string().max(40).optional() });

export const ResendAnswer = z.object({ id: z.uuid(), state: z.literal('pending') });
