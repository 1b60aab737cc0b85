import { env } from '../../env.ts';
import { behindEdge } from './edge-marker.ts';
import { validHost } from './trusted-proxies.ts';

type HeaderReader = { get(name: string): string | null };

/**
 * The site's origin as the person reached it: the scheme and host web/server.ts resolved (a trusted
 * proxy's X-Forwarded-Proto/-Host, else the connection and Host), or AULA_PUBLIC_URL when the request
 * names no usable host. Redirects are built on it so they keep the host the person used: cookies
 * are per host, and a redirect to another name of the same site (localhost for 127.0.0.1) splits the
 * session.
 */
export function siteOrigin(headers: HeaderReader): string | null {
  const edge = behindEdge();
  const host = validHost((edge ? headers.get('x-forwarded-host') : null) ?? headers.get('host') ?? undefined);
  if (!host) return env.AULA_PUBLIC_URL ? new URL(env.AULA_PUBLIC_URL).origin : null;
  return `${edge && headers.get('x-forwarded-proto') === 'https' ? 'https' : 'http'}://${host}`;
}

/** Whether the person reached the site over https (directly, or through a trusted proxy in front of it). */
export function isHttps(headers: HeaderReader): boolean {
  return siteOrigin(headers)?.startsWith('https:') ?? false;
}

/** The origins a same-site request may name: the one the person reached, and AULA_PUBLIC_URL's. */
export function ownOrigins(headers: HeaderReader): string[] {
  const origins = [siteOrigin(headers), env.AULA_PUBLIC_URL ? new URL(env.AULA_PUBLIC_URL).origin : null];
  return [...new Set(origins.filter((origin): origin is string => origin !== null))];
}
