import { Agent, fetch } from 'undici';
import { classifyAddress, isIpLiteral } from './classify-address.ts';
import { createGuardedLookup, type Resolver } from './guarded-lookup.ts';
import { findOutboundError, OutboundError } from './outbound-error.ts';
import { isAddressAllowed, type OutboundPolicy } from './outbound-policy.ts';

export type OutboundRequest = {
  /** Which non-public addresses may be reached (`readOutboundPolicy(env.AULA_OUTBOUND_ALLOW)`). */
  policy: OutboundPolicy;
  method?: 'GET' | 'POST' | 'HEAD';
  headers?: Record<string, string>;
  body?: string;
  /** The whole exchange: every hop, headers and body (default 10 s). */
  timeoutMs?: number;
  /** The body, decompressed (default 1 MiB). */
  maxBytes?: number;
  /** Keep the first `maxBytes` and stop reading, instead of failing with `too_large`. */
  truncate?: boolean;
  /** Redirects followed, each hop checked like the first (default 3; 0 refuses any redirect). */
  maxRedirects?: number;
  signal?: AbortSignal;
  /** Tests inject a resolver instead of using DNS. */
  resolve?: Resolver;
};

export type OutboundResponse = {
  /** The URL that answered, after redirects. */
  url: string;
  status: number;
  headers: Headers;
  /** Every URL requested, the first included. */
  hops: string[];
  body: Uint8Array;
  truncated: boolean;
  /** The body as text, in the charset the response names (UTF-8 otherwise). */
  text: () => string;
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Headers that may follow a redirect to another origin; secrets and credentials stay behind. */
const CROSS_ORIGIN_SAFE = new Set(['accept', 'accept-language', 'user-agent']);

/**
 * The one way Aula fetches a URL that came from outside (a model, an agent, a feed). Only http(s);
 * the host is resolved and every address checked against the policy, and the socket connects to the
 * address that was checked; redirects are followed by hand and each hop is checked again; the body
 * is read up to `maxBytes`, the whole exchange within `timeoutMs`. No proxy from the environment is used.
 * Throws `OutboundError` (and nothing else).
 */
export async function fetchOutbound(input: string | URL, request: OutboundRequest): Promise<OutboundResponse> {
  const timeoutMs = request.timeoutMs ?? 10_000;
  const maxBytes = request.maxBytes ?? 1024 * 1024;
  const maxRedirects = request.maxRedirects ?? 3;
  const deadline = AbortSignal.timeout(timeoutMs);
  const signal = request.signal ? AbortSignal.any([deadline, request.signal]) : deadline;
  const dispatcher = new Agent({
    connect: { lookup: createGuardedLookup(request.policy, request.resolve), timeout: timeoutMs },
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });
  let url = parse(input);
  let method = request.method ?? 'GET';
  let body = request.body;
  let headers = { ...request.headers };
  const hops: string[] = [];
  try {
    for (;;) {
      checkTarget(url, request.policy);
      hops.push(url.href);
      const res = await fetch(url, { method, headers, body, redirect: 'manual', signal, dispatcher });
      const location = res.headers.get('location');
      if (REDIRECTS.has(res.status) && location) {
        await res.body?.cancel().catch(() => {});
        if (hops.length > maxRedirects) {
          throw new OutboundError('too_many_redirects', `more than ${maxRedirects} redirects`, { url: url.href });
        }
        const next = parse(location, url);
        if (next.origin !== url.origin) {
          headers = Object.fromEntries(Object.entries(headers).filter(([k]) => CROSS_ORIGIN_SAFE.has(k.toLowerCase())));
        }
        if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          headers = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== 'content-type'));
        }
        url = next;
        continue;
      }
      const stream = res.body as unknown as ByteStream | null;
      const { bytes, truncated } = await readCapped(stream, maxBytes, request.truncate ?? false, url.href);
      const responseHeaders = new Headers(res.headers as unknown as Headers);
      return {
        url: url.href,
        status: res.status,
        headers: responseHeaders,
        hops,
        body: bytes,
        truncated,
        text: () => decode(bytes, responseHeaders.get('content-type')),
      };
    }
  } catch (error) {
    throw toOutboundError(error, url.href, { deadline, signal: request.signal, timeoutMs });
  } finally {
    dispatcher.destroy().catch(() => {});
  }
}

function parse(input: string | URL, base?: URL): URL {
  try {
    return new URL(input, base);
  } catch {
    throw new OutboundError('invalid_url', `not a URL: ${String(input).slice(0, 200)}`);
  }
}

/** The scheme, and an IP literal (which never goes through the lookup) against the policy. */
function checkTarget(url: URL, policy: OutboundPolicy) {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new OutboundError('unsupported_scheme', `${url.protocol} URLs are not fetched`, { url: url.href });
  }
  if (isIpLiteral(url.hostname) && !isAddressAllowed(policy, url.hostname)) {
    const { range } = classifyAddress(url.hostname);
    throw new OutboundError('blocked_address', `${url.hostname} is not a public address (${range})`, { url: url.href });
  }
}

/** undici's web stream, typed by what is used (its type differs from the DOM lib's where both are loaded). */
type ByteStream = {
  getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(): Promise<void> };
};

async function readCapped(
  stream: ByteStream | null,
  maxBytes: number,
  truncate: boolean,
  url: string,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  if (!stream) return { bytes: new Uint8Array(), truncated: false };
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || !value) return { bytes: concat(chunks, size), truncated: false };
      if (size + value.byteLength > maxBytes) {
        if (!truncate) throw new OutboundError('too_large', `the response is larger than ${maxBytes} bytes`, { url });
        chunks.push(value.subarray(0, maxBytes - size));
        return { bytes: concat(chunks, maxBytes), truncated: true };
      }
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

function decode(bytes: Uint8Array, contentType: string | null): string {
  const charset = /charset\s*=\s*"?([\w-]+)/i.exec(contentType ?? '')?.[1];
  try {
    return new TextDecoder(charset ?? 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function toOutboundError(
  error: unknown,
  url: string,
  { deadline, signal, timeoutMs }: { deadline: AbortSignal; signal: AbortSignal | undefined; timeoutMs: number },
): OutboundError {
  const known = findOutboundError(error);
  if (known) return known.url ? known : new OutboundError(known.code, known.message, { url, cause: known.cause });
  if (signal?.aborted) return new OutboundError('aborted', 'aborted', { url, cause: error });
  const code = (error as { cause?: { code?: string } }).cause?.code ?? (error as { code?: string }).code;
  if (deadline.aborted || /TIMEOUT/.test(code ?? '')) {
    return new OutboundError('timeout', `no complete answer within ${timeoutMs} ms`, { url, cause: error });
  }
  return new OutboundError('network_error', `${(error as Error).message}${code ? ` (${code})` : ''}`, {
    url,
    cause: error,
  });
}
