type HeaderReader = { get(name: string): string | null };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Refusal = { status: 403 | 415; message: string };

/**
 * Whether a request may change anything, decided before any route handler or server action runs.
 * Every mutation must come from the site's own pages: `Sec-Fetch-Site` (set by the browser, which no
 * page can forge) must say same-origin; without it, `Origin` (else `Referer`) must name one of the
 * site's own origins. A request with none of the three comes from no browser (curl, the tests, a
 * script holding a Bearer token) and cannot carry someone else's cookies, so it goes on.
 * Under /api/ a body must be `application/json`: a form or text/plain body is what a cross-site
 * form can send without asking first.
 */
export function refuseCrossSite({
  method,
  pathname,
  headers,
  origins,
}: {
  method: string;
  pathname: string;
  headers: HeaderReader;
  /** The site's own origins (`siteOrigin`, AULA_PUBLIC_URL's). */
  origins: readonly string[];
}): Refusal | null {
  if (SAFE_METHODS.has(method.toUpperCase())) return null;
  const fetchSite = headers.get('sec-fetch-site')?.trim().toLowerCase();
  const origin = headers.get('origin')?.trim();
  const referer = headers.get('referer')?.trim();
  const hosts = new Set(origins.map((o) => new URL(o).host));
  const ours = (value: string) =>
    URL.canParse(value) && (origins.includes(new URL(value).origin) || hosts.has(new URL(value).host));
  if (fetchSite !== undefined) {
    // `none`: the person asked for it themselves (address bar, bookmark), no page did.
    if (fetchSite !== 'same-origin' && fetchSite !== 'none')
      return { status: 403, message: `Cross-site request refused (Sec-Fetch-Site: ${fetchSite}).` };
  } else if (origin !== undefined) {
    if (!ours(origin)) return { status: 403, message: 'Cross-site request refused (Origin is not this site).' };
  } else if (referer !== undefined && !ours(referer)) {
    return { status: 403, message: 'Cross-site request refused (Referer is not this site).' };
  }
  // A browser's Origin, when there is one, must agree with Sec-Fetch-Site too.
  if (fetchSite !== undefined && origin !== undefined && !ours(origin))
    return { status: 403, message: 'Cross-site request refused (Origin is not this site).' };
  if (pathname.startsWith('/api/') && hasBody(headers) && !isJson(headers.get('content-type')))
    return { status: 415, message: 'Send the body as application/json.' };
  return null;
}

function hasBody(headers: HeaderReader): boolean {
  const length = headers.get('content-length');
  return (length !== null && length.trim() !== '0') || headers.get('transfer-encoding') !== null;
}

function isJson(contentType: string | null): boolean {
  const type = contentType?.split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}
