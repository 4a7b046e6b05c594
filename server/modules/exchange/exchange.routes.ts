import {
  DeliveryListQuery,
  DeliveryPage,
  DestinationQuery,
  DestinationStatusList,
  ResendAnswer,
} from '../../../common/contracts/exchange.contract.js';
import { IdParams } from '../../../common/contracts/kit.js';
import type { App } from '../../platform/http.js';
import { type ExchangeDeps, destinationStatus, listDeliveries, resendDelivery } from './exchange.service.js';

const tags = ['exchange'];

export function exchangeRoutes(app: App, deps: ExchangeDeps) {
  app.get(
    '/api/v1/exchange/deliveries',
    {
      config: { ability: 'exchange_delivery.list' },
      schema: {
        tags,
        summary: '对外投递：待投递和已停止重试的消息，附接收方的应答',
        querystring: DeliveryListQuery,
        response: { 200: DeliveryPage },
      },
    },
    async (req) => listDeliveries(deps, req.query),
  );
  app.get(
    '/api/v1/exchange/destinations',
    {
      config: { ability: 'exchange_delivery.list' },
      schema: {
        tags,
        summary: '各接收方的投递状态（待投递、失败、停止重试、最近成功与失败、滞后）',
        querystring: DestinationQuery,
        response: { 200: DestinationStatusList },
      },
    },
    async (req) => destinationStatus(deps, req.query),
  );
  app.post(
    '/api/v1/exchange/deliveries/:id/resend',
    {
      config: { ability: 'exchange_delivery.resend', audit: 'exchange_delivery.resend' },
      schema: {
        tags,
        summary: '重新投递（已停止重试或等待重试的消息立即再发，重试次数重新计算）',
        params: IdParams,
        response: { 200: ResendAnswer },
      },
    },
    async (req) => resendDelivery(deps, req.ctx, req.params.id),
  );
}
