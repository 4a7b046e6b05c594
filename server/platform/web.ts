/**
 * Delivery of the built console (dist/web): compression of every text response and the cache policy of the files.
 *
 * - @fastify/compress (global): Brotli or gzip, as the request's Accept-Encoding prefers, for every compressible
 *   response of ≥ 1 KB (API JSON, problem+json, HTML, CSV, the Swagger UI). Binary types (PDF, PNG, ZIP) are not
 *   compressible in mime-db and pass through untouched, streams stay streams.
 * - @fastify/static with `preCompressed`: the .br/.gz siblings that `vite build` writes next to each built file are
 *   sent as they are (Brotli quality 11, made once at build time), so no file is compressed per request.
 * - Cache-Control: hashed files under /assets/ never change under their name → a year, immutable; everything else
 *   (index.html, which names the current hashes, the SPA fallback, the unhashed /assets/verify.js) → no-cache, i.e.
 *   revalidated with its ETag on each use.
 */
import { basename } from 'node:path';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import type { App } from './http.js';

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const NO_CACHE = 'no-cache';

/** Vite's output names: `[name]-[hash].[ext]`, the hash 8 characters of [A-Za-z0-9_-]. */
const HASHED = /-[\w-]{8}\.[a-z0-9]+$/;

/** Cache-Control of a file of the built console, from its path relative to the web root (or absolute). */
export function cacheControlFor(filePath: string): string {
  const normalised = filePath.replace(/\\/g, '/').replace(/\.(br|gz)$/, '');
  const inAssets = /(^|\/)assets\/[^/]+$/.test(normalised);
  return inAssets && HASHED.test(basename(normalised)) ? IMMUTABLE : NO_CACHE;
}

/** Registers compression for the whole app; call it before any route is declared (it hooks onRoute). */
export async function registerCompression(app: App): Promise<void> {
  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
}

/** Serves the built console from `webRoot`: `/` and `HEAD /` send index.html; other files by their path. */
export async function registerConsole(app: App, webRoot: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webRoot,
    wildcard: true,
    // A directory is never listed: `/` is its own route below, other directories fall to the not-found handler.
    index: false,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply, path) => {
      reply.header('cache-control', cacheControlFor(path));
    },
  });
  // GET / (and the HEAD route Fastify derives from it): the console; its router shows the login page to anonymous
  // visitors and the user's home otherwise.
  app.get('/', { schema: { hide: true } }, (_req, reply) =>
    reply.type('text/html; charset=utf-8').sendFile('index.html'),
  );
}
