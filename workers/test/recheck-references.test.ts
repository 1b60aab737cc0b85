import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createApi, items } from '@aula/data';
import { createGenerationQueue, RECHECK_REFERENCES_JOB, RECHECK_REFERENCES_SCHEDULER } from '@aula/jobs';
import { type Listening, listenOnLoopback } from '@aula/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type Harness, startHarness } from './harness.ts';

/** Three sites on loopback: one works, one is gone (404 until the test brings it back), one never answers. */
let broken = true;
let site: Listening;
let harness: Harness | undefined;
const page = (title: string) =>
  `<!doctype html><html><head><title>${title}</title></head><body><p>${title}</p></body></html>`;

function answer(req: IncomingMessage, res: ServerResponse) {
  if (req.url === '/slow') return; // never answers: the check gives up (timeout)
  if (req.url === '/gone' && broken) {
    res.writeHead(404, { 'content-type': 'text/html' }).end(page('Not found'));
    return;
  }
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page(`Página ${req.url}`));
}

type Ref = {
  id: string;
  url: string;
  check_status: string;
  check_reason: string | null;
  checked_at: string | null;
  broken_since: string | null;
};

describe('the periodic re-check of references', () => {
  const stack = inject('stack');
  let admin: ReturnType<typeof createApi>;
  let ids: { ok: string; gone: string; slow: string } | undefined;
  let others: Pick<Ref, 'id' | 'check_status' | 'check_reason' | 'checked_at' | 'broken_since'>[] = [];

  beforeAll(async () => {
    site = await listenOnLoopback(createServer(answer));
    const { access_token } = await createApi(stack.url).request<{ access_token: string }>(
      'POST',
      '/auth/login',
      stack.admin,
    );
    admin = createApi(stack.url, access_token);
  });

  afterAll(async () => {
    await harness?.stop();
    const refs = items(admin, 'lesson_references');
    if (ids) for (const id of Object.values(ids)) await refs.remove(id);
    // The demo course's references were re-checked too (no network here): as they were.
    for (const { id, ...was } of others) await refs.update(id, was as never);
    await site?.stop();
  });

  async function read(): Promise<Record<'ok' | 'gone' | 'slow', Ref>> {
    if (!ids) throw new Error('no references yet');
    const rows = (await items(admin, 'lesson_references').list({
      filter: { id: { _in: Object.values(ids) } },
      fields: ['id', 'url', 'check_status', 'check_reason', 'checked_at', 'broken_since'],
    })) as Ref[];
    const byId = (id: string) => rows.find((row) => row.id === id) as Ref;
    return { ok: byId(ids.ok), gone: byId(ids.gone), slow: byId(ids.slow) };
  }

  it('hides the broken ones from students, with why and since when, and brings one back when it works', async () => {
    const [lesson] = await items(admin, 'lessons').list({
      filter: { course: { slug: { _eq: 'primeros-pasos-con-python' }, status: { _eq: 'published' } } },
      fields: ['id'],
      limit: 1,
    });
    const lessonId = lesson?.id as string;
    others = (await items(admin, 'lesson_references').list({
      filter: { lesson: { course: { status: { _eq: 'published' } } } },
      fields: ['id', 'check_status', 'check_reason', 'checked_at', 'broken_since'],
    })) as typeof others;
    const refs = items(admin, 'lesson_references');
    const add = async (path: string) =>
      (
        await refs.create({
          lesson: lessonId,
          url: `${site.url}${path}`,
          title: path,
          snippet: 'Por qué leerla.',
          sort: 90,
          check_status: 'ok',
          checked_at: new Date().toISOString(),
        })
      ).id;
    ids = { ok: await add('/ok'), gone: await add('/gone'), slow: await add('/slow') };

    // The workers start: the schedule's first re-check runs at once.
    harness = await startHarness({}, { AULA_REFERENCES_RECHECK_MS: '60000' });
    {
      await expect
        .poll(async () => (await read()).slow.check_status, { timeout: 40_000, interval: 250 })
        .toBe('broken');
      const first = await read();
      expect(first.ok).toMatchObject({ check_status: 'ok', check_reason: null, broken_since: null });
      expect(first.gone).toMatchObject({ check_status: 'broken', check_reason: 'http_error 404' });
      expect(first.slow).toMatchObject({ check_status: 'broken', check_reason: 'timeout' });
      expect(Date.parse(first.gone.broken_since ?? '')).toBeGreaterThan(Date.now() - 60_000);

      // Students read only the working one of this lesson.
      const student = stack.users.find((u) => u.role === 'student');
      const { access_token: studentToken } = await createApi(stack.url).request<{ access_token: string }>(
        'POST',
        '/auth/login',
        { email: student?.email, password: student?.password },
      );
      const seen = await createApi(stack.url, studentToken).request<{ id: string }[]>(
        'GET',
        `/items/lesson_references?filter[lesson][_eq]=${lessonId}&fields=id,url&limit=-1`,
      );
      expect(seen.map((r) => r.id)).toContain(ids.ok);
      expect(seen.map((r) => r.id)).not.toContain(ids.gone);
      expect(seen.map((r) => r.id)).not.toContain(ids.slow);

      // The schedule is there (daily by default; 60 s here), once.
      const queue = createGenerationQueue({ redisUrl: stack.redisUrl, prefix: stack.redisPrefix });
      try {
        const scheduler = await queue.queue.getJobScheduler(RECHECK_REFERENCES_SCHEDULER);
        expect(scheduler).toMatchObject({ name: RECHECK_REFERENCES_JOB, every: 60_000 });

        // The page is back: the next re-check (added by hand, not in a minute) shows it again.
        broken = false;
        const job = await queue.queue.add(RECHECK_REFERENCES_JOB, {});
        await expect.poll(async () => (await read()).gone.check_status, { timeout: 40_000, interval: 250 }).toBe('ok');
        const second = await read();
        expect(second.gone).toMatchObject({ check_reason: null, broken_since: null });
        // Still broken once that pass has ended: since its first failure, not the last, and not written again.
        await expect.poll(() => job.getState(), { timeout: 40_000, interval: 250 }).toBe('completed');
        expect((await queue.queue.getJob(job.id as string))?.returnvalue).toMatchObject({
          restored: 1,
          hidden: 0,
        });
        const third = await read();
        expect(third.slow).toMatchObject({ check_status: 'broken', check_reason: 'timeout' });
        expect(third.slow.checked_at).toBe(first.slow.checked_at);
        expect(third.slow.broken_since).toBe(first.slow.broken_since);
        const again = await createApi(stack.url, studentToken).request<{ id: string }[]>(
          'GET',
          `/items/lesson_references?filter[lesson][_eq]=${lessonId}&fields=id&limit=-1`,
        );
        expect(again.map((r) => r.id)).toEqual(expect.arrayContaining([ids.ok, ids.gone]));
      } finally {
        await queue.close();
      }
    }
  });
});
