/**
 * Cross-site request forgery (issue 11 finding 11): SameSite=Lax alone does not hold — a page on another port of
 * the same host is "same-site", and a top-level form POST carries the cookie. A state-changing request
 * (POST/PUT/PATCH/DELETE) is refused with 403 unless
 *  - its body, if it has one, is `application/json`, `multipart/form-data`, `text/csv` (the CSV imports) or an XLSX
 *    workbook (`…spreadsheetml.sheet`, `application/octet-stream`: the entity import) — none a type a cross-origin
 *    page may send without a CORS preflight, which this server never grants — `text/plain` and
 *    `application/x-www-form-urlencoded`, what a cross-site form or a no-cors fetch can send, are refused; and
 *  - it comes from the console's own origin: `Origin` equal to the public base URL's origin or to the origin the
 *    request was addressed to (its Host), or — without Origin — `Sec-Fetch-Site` `same-origin` or `none`.
 *    A request with neither header comes from no browser (curl, a machine client) and is let through.
 * Exception: a route declared `config.machine` (the Open311 door, whose form posts are GeoReport v2's) reads no
 * cookie and is authenticated by a key in the request itself — a forged cross-site post carries no authority there,
 * so neither rule applies to it.
 * Pure: the hook in app.ts applies it.
 */

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const BODY_TYPES = new Set([
  'application/json',
  'multipart/form-data',
  'text/csv',
  // the entity import's workbook upload (none of these is a type a cross-origin page may send without a preflight)
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
  // a .csv file as Windows browsers label it
  'application/csv',
  'application/vnd.ms-excel',
]);

export interface CsrfRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  /** `http` or `https`, as the request reached this server. */
  protocol: string;
  /** The matched route's config (Fastify's `routeOptions`): `machine` routes are exempt. */
  routeOptions?: { config?: { machine?: boolean } };
}

const header = (h: CsrfRequest['headers'], name: string) => {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
};

const hasBody = (h: CsrfRequest['headers']) => {
  const length = header(h, 'content-length');
  return header(h, 'transfer-encoding') !== undefined || (length !== undefined && length !== '0');
};

/** The refusal's Chinese detail, or null when the request may go on. */
export function csrfRefusal(req: CsrfRequest, publicOrigin: string): string | null {
  if (!MUTATING.has(req.method) || req.routeOptions?.config?.machine === true) return null;
  const contentType = header(req.headers, 'content-type');
  const media = contentType?.split(';')[0]?.trim().toLowerCase();
  if ((contentType !== undefined || hasBody(req.headers)) && !(media && BODY_TYPES.has(media)))
    return '修改数据的请求须以 application/json 或 multipart/form-data 提交';
  const origin = header(req.headers, 'origin');
  if (origin !== undefined) {
    const host = header(req.headers, 'host');
    const own = new Set([publicOrigin, ...(host ? [`${req.protocol}://${host}`] : [])]);
    return own.has(origin.toLowerCase()) ? null : '拒绝来自其他网站的请求（跨站请求）';
  }
  const site = header(req.headers, 'sec-fetch-site');
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return '拒绝来自其他网站的请求（跨站请求）';
  return null;
}
