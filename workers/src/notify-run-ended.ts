import { type Api, getRunSummary } from '@aula/data';
import { CourseReadyEvent } from '@aula/domain';
import { fetchOutbound, OutboundError, type OutboundErrorCode, type OutboundPolicy } from '@aula/net';
import type { WorkerCtx } from './context.ts';
import type { WorkerEnv } from './env.ts';

/** Which run ended and how. No error text: the event goes to chat channels; the reason stays in the studio. */
export type RunEnded = { runId: string; event: CourseReadyEvent['event'] };

/** Called when a run ends; never throws, never waits: the run's own state is already written. */
export type NotifyRunEnded = (ended: RunEnded) => void;

const ATTEMPTS = 4;
const TIMEOUT_MS = 5_000;
const BACKOFF_MS = 250;
const PERMANENT = new Set<OutboundErrorCode>([
  'invalid_url',
  'unsupported_scheme',
  'blocked_address',
  'too_many_redirects',
]);

/**
 * The course-ready webhook: a `CourseReadyEvent` POSTed as JSON to AULA_COURSE_READY_WEBHOOK_URL,
 * best effort (a few attempts with backoff, each with a timeout, failures logged). `settle()` waits
 * for the announcements in flight, so a worker shutting down does not cut them off.
 */
export function createRunNotifier(env: WorkerEnv, api: Api, log: WorkerCtx['log']) {
  const pending = new Set<Promise<void>>();
  const url = env.AULA_COURSE_READY_WEBHOOK_URL;

  async function announce({ runId, event }: RunEnded) {
    const run = await getRunSummary(api, runId);
    const body = CourseReadyEvent.parse({
      event,
      runId,
      runKind: run.request?.kind,
      courseId: run.course?.id ?? null,
      courseTitle: run.course?.title ?? null,
      url: env.AULA_PUBLIC_URL ? `${env.AULA_PUBLIC_URL.replace(/\/+$/, '')}/studio/runs/${runId}` : null,
      at: new Date().toISOString(),
    });
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        const res = await postEvent(url as string, body, env);
        if (res.status >= 200 && res.status < 300) return;
        // A 4xx other than 408/429 will not change on a retry.
        if (res.status < 500 && res.status !== 408 && res.status !== 429) {
          log('course-ready webhook refused', { runId, status: res.status });
          return;
        }
        log('course-ready webhook failed', { runId, attempt, status: res.status });
      } catch (error) {
        // Refused by the guard (an address it may not reach, a redirect): a retry would be refused too.
        if (error instanceof OutboundError && PERMANENT.has(error.code)) {
          log('course-ready webhook refused', { runId, error: error.message });
          return;
        }
        log('course-ready webhook failed', { runId, attempt, error: (error as Error).message });
      }
      if (attempt < ATTEMPTS) await new Promise((r) => setTimeout(r, BACKOFF_MS * 2 ** (attempt - 1)));
    }
  }

  const notify: NotifyRunEnded = (ended) => {
    if (!url) return;
    const sent = announce(ended)
      .catch((error) => log('course-ready webhook not sent', { runId: ended.runId, error: (error as Error).message }))
      .finally(() => pending.delete(sent));
    pending.add(sent);
  };
  return { notify, settle: () => Promise.all(pending).then(() => undefined) };
}

/**
 * One POST of the event, through the outbound guard: the configured URL is trusted, but a redirect
 * is never followed (it would carry the event, and once the secret, elsewhere) and a private address
 * is reached only when AULA_OUTBOUND_ALLOW names it (an n8n on a private network).
 */
export async function postEvent(
  url: string,
  event: CourseReadyEvent,
  env: { AULA_COURSE_READY_WEBHOOK_SECRET?: string | undefined; AULA_OUTBOUND_ALLOW: OutboundPolicy },
) {
  const secret = env.AULA_COURSE_READY_WEBHOOK_SECRET;
  return fetchOutbound(url, {
    policy: env.AULA_OUTBOUND_ALLOW,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { 'x-aula-webhook-secret': secret } : {}) },
    body: JSON.stringify(event),
    timeoutMs: TIMEOUT_MS,
    maxRedirects: 0,
    maxBytes: 64 * 1024,
    truncate: true,
  });
}
