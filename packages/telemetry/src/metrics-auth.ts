import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * Whether a scrape may read the metrics: with `token` set (AULA_METRICS_TOKEN), only a request that
 * carries `Authorization: Bearer <token>`; without it (local runs; production refuses to start so),
 * anyone who can reach the listener. Compared in constant time.
 */
export function metricsAllowed(authorization: string | null | undefined, token: string | undefined): boolean {
  if (!token) return true;
  const match = /^Bearer\s+(.+)$/i.exec(authorization ?? '');
  if (!match?.[1]) return false;
  return timingSafeEqual(digest(match[1].trim()), digest(token));
}

/** The refusal both endpoints send: plain words, and the scheme to use. */
export const METRICS_UNAUTHORIZED = {
  status: 401,
  body: JSON.stringify({ error: 'The metrics need the bearer token AULA_METRICS_TOKEN.' }),
  headers: { 'content-type': 'application/json', 'www-authenticate': 'Bearer realm="aula-metrics"' },
} as const;
