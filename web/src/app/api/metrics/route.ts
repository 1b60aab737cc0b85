import { metricsText } from '@aula/telemetry/metrics';
import { METRICS_UNAUTHORIZED, metricsAllowed } from '@aula/telemetry/metrics-auth';
import type { NextRequest } from 'next/server';
import { env } from '../../../env.ts';
import { apiError } from '../../../shared/api-error.ts';

export const dynamic = 'force-dynamic';

/**
 * `GET /api/metrics`: this server's Prometheus series (the tutor's provider calls, tokens, cost and
 * latency, its time to first token, Node's own), for a scraper holding `AULA_METRICS_TOKEN`. Without a
 * token set, open on a local run and refused in production.
 */
export async function GET(request: NextRequest): Promise<Response> {
  if (!env.AULA_METRICS_TOKEN && env.AULA_ENV === 'production') {
    return apiError('unavailable', 'The metrics are off: set AULA_METRICS_TOKEN to read them in production.');
  }
  if (!metricsAllowed(request.headers.get('authorization'), env.AULA_METRICS_TOKEN)) {
    return new Response(METRICS_UNAUTHORIZED.body, {
      status: METRICS_UNAUTHORIZED.status,
      headers: METRICS_UNAUTHORIZED.headers,
    });
  }
  const { contentType, body } = await metricsText();
  return new Response(body, { headers: { 'content-type': contentType, 'cache-control': 'no-store' } });
}
