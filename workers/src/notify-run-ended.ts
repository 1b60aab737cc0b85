import { type Api, items } from '@aula/directus-client';
import { CourseReadyEvent } from '@aula/domain';
import type { WorkerCtx } from './context.ts';
import type { WorkerEnv } from './env.ts';

/** Which run ended and how. No error text: the event goes to chat channels; the reason stays in the studio. */
export type RunEnded = { runId: string; event: CourseReadyEvent['event'] };

/** Called when a run ends; never throws, never waits: the run's own state is already written. */
export type NotifyRunEnded = (ended: RunEnded) => void;

const ATTEMPTS = 4;
const TIMEOUT_MS = 5_000;
const BACKOFF_MS = 250;

/**
 * The course-ready webhook: a `CourseReadyEvent` POSTed as JSON to AULA_COURSE_READY_WEBHOOK_URL,
 * best effort (a few attempts with backoff, each with a timeout, failures logged). `settle()` waits
 * for the announcements in flight, so a worker shutting down does not cut them off.
 */
export function createRunNotifier(env: WorkerEnv, api: Api, log: WorkerCtx['log']) {
  const pending = new Set<Promise<void>>();
  const url = env.AULA_COURSE_READY_WEBHOOK_URL;

  async function announce({ runId, event }: RunEnded) {
    const run = await items<{ request: { kind: string } | null; course: { id: string; title: string } | null }>(
      api,
      'generation_runs',
    ).get(runId, { fields: ['request', 'course.id', 'course.title'] });
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
        const res = await fetch(url as string, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(env.AULA_COURSE_READY_WEBHOOK_SECRET
              ? { 'x-aula-webhook-secret': env.AULA_COURSE_READY_WEBHOOK_SECRET }
              : {}),
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(TIMEOUT_MS),
        });
        await res.body?.cancel();
        if (res.ok) return;
        // A 4xx other than 408/429 will not change on a retry.
        if (res.status < 500 && res.status !== 408 && res.status !== 429) {
          log('course-ready webhook refused', { runId, status: res.status });
          return;
        }
        log('course-ready webhook failed', { runId, attempt, status: res.status });
      } catch (error) {
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
