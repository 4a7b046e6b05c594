/**
 * The per-client limit of the public doors that write (the complaint form and its tracking page, a visit's rating):
 * a route config for @fastify/rate-limit (registered in app.ts with `global: false`, answering 429 `rate_limited`),
 * counted per client address and route. `perMinute` comes from the config (`loginRateLimitPerMinute`).
 */
export const publicRateLimited = (perMinute: number) =>
  ({ public: true, rateLimit: { max: perMinute, timeWindow: '1 minute' } }) as const;
