import { benchmarkPolicy } from './discretion.policy.js';
import { defineModule } from '../../platform/module.js';
import * as schema from './discretion.schema.js';

/** Discretion benchmarks (裁量基准); endpoints in catalog.routes.ts, demo rows with the catalogue's. */
export const discretionModule = defineModule({
  name: 'discretion',
  policies: [benchmarkPolicy],
  schema,
  menu: ['benchmarks'],
});
