/**
 * The OpenAPI document's transform: each route's schemas through fastify-type-provider-zod, plus the refusals every
 * operation may answer with — problem+json (RFC 9457) with the platform's stable `code` — so that the document
 * describes the failures as well as the successes. Documentation only: refusals are not serialized through it.
 */
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../common/contracts/kit.js';

const PROBLEM_SCHEMA = z.toJSONSchema(Problem, { target: 'openapi-3.0' });
delete (PROBLEM_SCHEMA as { $schema?: string }).$schema;

const PROBLEM_ANSWER = {
  description: '拒绝或错误：application/problem+json，含稳定的 code 与中文 detail（字段错误在 errors 中）',
  content: { 'application/problem+json': { schema: PROBLEM_SCHEMA } },
};

type TransformInput = Parameters<typeof jsonSchemaTransform>[0];

export function openApiTransform(input: TransformInput) {
  const out = jsonSchemaTransform(input);
  const schema = out.schema as { response?: Record<string, unknown>; hide?: boolean };
  if (!schema.hide) schema.response = { ...schema.response, default: PROBLEM_ANSWER };
  return out;
}
