import { isIP } from 'node:net';
import { behindEdge } from './edge-marker.ts';

type HeaderReader = { get(name: string): string | null };

/**
 * The address of the person behind a request, as web/server.ts resolved it from the connection and
 * the trusted proxies (AULA_TRUSTED_PROXIES) and wrote it into `X-Forwarded-For`, replacing whatever
 * the browser sent. Passed on to Directus so that its per-address limits (sign-ups, sign-ins,
 * requests per second) count each person, not the web server that speaks for all of them.
 */
export function clientIp(headers: HeaderReader): string | undefined {
  if (!behindEdge()) return undefined;
  const ip = headers.get('x-forwarded-for')?.trim();
  return ip && isIP(ip) ? ip : undefined;
}
