import { isIP } from 'node:net';

/**
 * The address of the person behind a request, as the proxy in front of the site (or Next itself)
 * reports it in `X-Forwarded-For`. Passed on to Directus so that its per-address limits (sign-ups,
 * sign-ins, requests per second) count each person, not the web server that speaks for all of them.
 */
export function clientIp(headers: { get(name: string): string | null }): string | undefined {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  if (forwarded && isIP(forwarded)) return forwarded;
  const real = headers.get('x-real-ip')?.trim();
  return real && isIP(real) ? real : undefined;
}
