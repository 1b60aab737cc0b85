import {
  DENY_ALL_PRIVATE,
  fetchOutbound,
  OutboundError,
  type OutboundErrorCode,
  type OutboundPolicy,
  type OutboundResponse,
  plainText,
  type Resolver,
} from '@aula/net';
import type { ReferenceCheck, ReferenceRejection } from './types.ts';

export type CheckReferenceOptions = {
  /** Which non-public addresses may be reached (`readOutboundPolicy(AULA_OUTBOUND_ALLOW)`); none when left out. */
  policy?: OutboundPolicy;
  /** The whole check, redirects included (default 10 s). */
  timeoutMs?: number;
  /** Default 3. */
  maxRedirects?: number;
  /** Tests resolve names from a table instead of DNS. */
  resolve?: Resolver;
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

const REJECTION: Partial<Record<OutboundErrorCode, ReferenceRejection>> = {
  invalid_url: 'invalid_url',
  unsupported_scheme: 'unsupported_scheme',
  blocked_address: 'private_host',
  too_many_redirects: 'too_many_redirects',
  timeout: 'timeout',
  aborted: 'timeout',
};

/**
 * Is this URL a usable reference? Fetched through the outbound guard (every address checked, at
 * most 3 redirects, each re-checked, 512 KiB read), time-bounded, never throws.
 */
export async function checkReferenceUrl(url: string, options: CheckReferenceOptions = {}): Promise<ReferenceCheck> {
  let res: OutboundResponse;
  try {
    res = await fetchOutbound(url, {
      policy: options.policy ?? DENY_ALL_PRIVATE,
      timeoutMs: options.timeoutMs ?? 10_000,
      maxRedirects: options.maxRedirects ?? 3,
      maxBytes: MAX_BYTES,
      truncate: true,
      headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.1', 'user-agent': 'AulaReferenceCheck/0.1' },
      ...(options.resolve ? { resolve: options.resolve } : {}),
    });
  } catch (error) {
    const failure = error instanceof OutboundError ? error : undefined;
    const reason = (failure && REJECTION[failure.code]) ?? 'network_error';
    return failure?.url ? { ok: false, reason, finalUrl: failure.url } : { ok: false, reason };
  }
  const current = new URL(res.url);
  if (res.hops.slice(1).some((hop) => isLoginUrl(new URL(hop)))) return fail('login_page', current);
  if (res.status >= 400) return { ok: false, reason: 'http_error', status: res.status, finalUrl: res.url };
  const type = res.headers.get('content-type') ?? '';
  if (!/text\/html|application\/xhtml\+xml/i.test(type)) return fail('not_html', current);
  const html = res.text();
  const title = plainText(/<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? '', 200);
  const text = plainText(html, MAX_BYTES).toLowerCase();
  if (PARKED.some((phrase) => text.includes(phrase))) return fail('parked_domain', current);
  if (LOGIN_TITLE.test(title) && /<input[^>]+type=["']?password/i.test(html)) return fail('login_page', current);
  return { ok: true, finalUrl: res.url, title: title || current.hostname };
}

function fail(reason: ReferenceRejection, at?: URL): ReferenceCheck {
  return at ? { ok: false, reason, finalUrl: at.href } : { ok: false, reason };
}

function isLoginUrl(url: URL): boolean {
  return LOGIN_HOST.test(url.hostname) || LOGIN_PATH.test(url.pathname);
}
