/**
 * What other modules may use of the discretion benchmarks (裁量基准): the benchmark in force for an item and org, and
 * a decision checked against it. The benchmark endpoints are still served by catalog.routes.ts, so their use cases
 * are listed here too (moving them into a discretion.routes.ts is a follow-up).
 */
export {
  type DiscretionDeps,
  type EffectiveBenchmark,
  createBenchmark,
  effectiveBenchmark,
  evaluateAgainstBenchmark,
  getBenchmark,
  listBenchmarks,
  refineBenchmark,
  reviseBenchmark,
} from './discretion.service.js';
