/**
 * The public portal's frame routes: /public (index), the case-code and certificate entry forms, the public 404 for any
 * other /public/* address, robots.txt and the favicon. No login, no database.
 */
import { readFileSync } from 'node:fs';
import { HtmlPage, PortalEntryQuery } from '../../../common/contracts/portal.contract.js';
import type { App } from '../../platform/http.js';
import type { PublicSite } from '../../platform/public-html.js';
import {
  renderCaseCodeEntry,
  renderCertificateEntry,
  renderPortalIndex,
  renderPublicNotFound,
} from './portal.pages.js';

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url));
const FAVICON_SVG = asset('favicon.svg');
const FAVICON_ICO = asset('favicon.ico');

/** Public pages may be indexed; the staff console and the API may not (RFC 9309: the longest match wins). */
export const ROBOTS_TXT = `# zhifa: the public pages may be indexed; the staff console and the API may not.
User-agent: *
Allow: /public
Allow: /v/
Allow: /assets/verify.js
Allow: /assets/redraw.js
Allow: /favicon.ico
Allow: /favicon.svg
Disallow: /api/
Disallow: /
`;

const TOKEN = /^[A-Za-z0-9_-]{8,128}$/;

/**
 * What a person typed or pasted: a bare code, or the whole address a QR code gave (…/v/<code>). Null when it cannot
 * be one; the page then says so instead of sending them to a 404.
 */
export function codeFrom(input: string, marker: string): string | null {
  let text = input.trim();
  const at = text.indexOf(marker);
  if (at >= 0) text = (text.slice(at + marker.length).split(/[?#/]/)[0] ?? '').trim();
  return TOKEN.test(text) ? text : null;
}

export function portalRoutes(app: App, deps: { site: PublicSite }) {
  const { site } = deps;
  const page = { config: { public: true }, schema: { hide: true } } as const;
  const html = { config: { public: true }, schema: { hide: true, response: { 200: HtmlPage, 404: HtmlPage } } };

  for (const path of ['/public', '/public/']) {
    app.get(path, html, async (_req, reply) =>
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(renderPortalIndex(site)),
    );
  }

  const entrySchema = { hide: true, querystring: PortalEntryQuery, response: { 200: HtmlPage, 400: HtmlPage } };
  const entry = (
    path: string,
    marker: string,
    target: (code: string) => string,
    render: typeof renderCaseCodeEntry,
    invalid: string,
  ) =>
    app.get(path, { config: { public: true }, schema: entrySchema }, async (req, reply) => {
      reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache');
      const typed = req.query.code?.trim() ?? '';
      if (!typed) return reply.send(render(site));
      const code = codeFrom(typed, marker);
      if (!code) return reply.code(400).send(render(site, typed, invalid));
      return reply.redirect(target(code), 303);
    });
  entry(
    '/public/cases',
    '/v/',
    (code) => `/v/${code}`,
    renderCaseCodeEntry,
    '这不是有效的案件码：请核对决定书上二维码旁的字符，或直接扫描二维码。',
  );
  entry(
    '/public/certificates',
    '/public/certificates/',
    (code) => `/public/certificates/${code}`,
    renderCertificateEntry,
    '这不是有效的查验码：请直接扫描执法证件上的二维码。',
  );

  // Any other public address: the public 404 page (not the console, not the staff login).
  app.get('/public/*', html, async (_req, reply) =>
    reply
      .code(404)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .send(renderPublicNotFound(site)),
  );

  app.get('/robots.txt', page, async (_req, reply) =>
    reply.type('text/plain; charset=utf-8').header('cache-control', 'public, max-age=3600').send(ROBOTS_TXT),
  );
  app.get('/favicon.svg', page, async (_req, reply) =>
    reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(FAVICON_SVG),
  );
  app.get('/favicon.ico', page, async (_req, reply) =>
    reply.type('image/x-icon').header('cache-control', 'public, max-age=86400').send(FAVICON_ICO),
  );
}
