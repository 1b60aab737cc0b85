import { cleanText } from './sanitize.ts';
import type { ReferenceCheck, ReferenceRejection } from './types.ts';

export type CheckReferenceOptions = {
  fetch?: typeof globalThis.fetch;
  /** The whole check, redirects included (default 10 s). */
  timeoutMs?: number;
  /** Default 3. */
  maxRedirects?: number;
  /** Loopback and private addresses are refused unless this is set (tests, intranets). */
  allowPrivateHosts?: boolean;
};

const MAX_BYTES = 512 * 1024;
const LOGIN_PATH =
  /(^|[/._-])(login|log-in|signin|sign-in|sign_in|servicelogin|auth|authorize|oauth2?|sso|iniciar-sesion|iniciar_sesion|acceso|acceder)([/._?-]|$)/i;
const LOGIN_HOST = /^(login|auth|sso|signin|accounts?)\./i;
const LOGIN_TITLE = /\b(sign in|log in|login|iniciar sesi[oó]n|acceder|inicia sesi[oó]n)\b/i;
const PARKED = [
  'this domain is for sale',
  'this domain may be for sale',
  'buy this domain',
  'domain is parked',
  'parked free',
  'domain parking',
  'sedoparking',
  'parkingcrew',
  'hugedomains',
  'este dominio está en venta',
  'este dominio esta en venta',
  'este dominio se vende',
  'dominio en venta',
  'compra este dominio',
  'comprar este dominio',
  'el dominio puede estar en venta',
];

/** Is this URL a usable reference? Follows up to 3 redirects by hand, is time-bounded and never throws. */
export async function checkReferenceUrl(url: string, options: CheckReferenceOptions = {}): Promise<ReferenceCheck> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  const maxRedirects = options.maxRedirects ?? 3;
  const signal = AbortSignal.timeout(options.timeoutMs ?? 10_000);
  let current: URL;
  try {
    current = new URL(url);
  } catch {
    return fail('invalid_url');
  }
  try {
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') return fail('unsupported_scheme', current);
      if (!options.allowPrivateHosts && isPrivateHost(current.hostname)) return fail('private_host', current);
      if (hop > 0 && isLoginUrl(current)) return fail('login_page', current);
      const res = await fetchImpl(current, {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1', 'user-agent': 'AulaReferenceCheck/0.1' },
      });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        await res.body?.cancel();
        if (hop >= maxRedirects) return fail('too_many_redirects', current);
        current = new URL(location, current);
        continue;
      }
      if (res.status >= 400) {
        await res.body?.cancel();
        return { ok: false, reason: 'http_error', status: res.status, finalUrl: current.href };
      }
      const type = res.headers.get('content-type') ?? '';
      if (!/text\/html|application\/xhtml\+xml/i.test(type)) {
        await res.body?.cancel();
        return fail('not_html', current);
      }
      const html = await readCapped(res);
      const title = cleanText(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '', 200);
      const text = cleanText(html, MAX_BYTES).toLowerCase();
      if (PARKED.some((phrase) => text.includes(phrase))) return fail('parked_domain', current);
      if (LOGIN_TITLE.test(title) && /<input[^>]+type=["']?password/i.test(html)) return fail('login_page', current);
      return { ok: true, finalUrl: current.href, title: title || current.hostname };
    }
  } catch {
    return fail(signal.aborted ? 'timeout' : 'network_error', current);
  }
}

function fail(reason: ReferenceRejection, at?: URL): ReferenceCheck {
  return at ? { ok: false, reason, finalUrl: at.href } : { ok: false, reason };
}

function isLoginUrl(url: URL): boolean {
  return LOGIN_HOST.test(url.hostname) || LOGIN_PATH.test(url.pathname);
}

/** Literal loopback, private, link-local and local-only names (DNS is not resolved). */
function isPrivateHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local') || host.endsWith('.internal')) {
    return true;
  }
  if (
    host === '::1' ||
    host === '::' ||
    host.startsWith('::ffff:') ||
    /^f[cd][0-9a-f]{2}:/.test(host) ||
    host.startsWith('fe80:')
  )
    return true;
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(host);
  if (!v4) return false;
  const [a, b] = [Number(v4[1]), Number(v4[2])];
  return (
    a === 0 ||
    a === 10 ||
    a === 127 ||
    (a === 169 && b === 254) ||
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168)
  );
}

async function readCapped(res: Response): Promise<string> {
  if (!res.body) return '';
  const decoder = new TextDecoder();
  let html = '';
  let bytes = 0;
  for await (const chunk of res.body) {
    bytes += chunk.byteLength;
    html += decoder.decode(chunk, { stream: true });
    if (bytes >= MAX_BYTES) break;
  }
  return html;
}
