import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, outlineOf, startHarness } from './harness.ts';

/** n8n's side of the webhook: a real HTTP server on loopback that records what it receives. */
type Received = { headers: IncomingHttpHeaders; body: Record<string, any> };
const received: Received[] = [];
/** Statuses to answer with before answering 200 (a receiver that is briefly down). */
let failures: number[] = [];
let server: Server;
let h: Harness;

beforeAll(async () => {
  server = createServer((req, res) => {
    let text = '';
    req.on('data', (d) => (text += d));
    req.on('end', () => {
      received.push({ headers: req.headers, body: JSON.parse(text) });
      res.writeHead(failures.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  h = await startHarness(
    {},
    {
      AULA_COURSE_READY_WEBHOOK_URL: `http://127.0.0.1:${port}/webhook/course-ready`,
      AULA_COURSE_READY_WEBHOOK_SECRET: 'webhook-secret-for-tests',
      AULA_PUBLIC_URL: 'https://aula.example.org/',
    },
  );
});
afterAll(async () => {
  await h?.stop();
  await new Promise((resolve) => server.close(resolve));
});

async function eventsFor(runId: string, count = 1, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const mine = received.filter((r) => r.body.runId === runId);
    if (mine.length >= count) return mine;
    if (Date.now() > deadline) throw new Error(`${mine.length} of ${count} webhook calls for run ${runId}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('course-ready webhook', () => {
  it('announces a completed course run with its title and studio link, with the secret header', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(1) });
    const { runId, courseId } = await h.generate({ lessonCount: 1 });
    expect((await h.waitForRun(runId)).status).toBe('completed');
    const [event] = await eventsFor(runId);
    expect(event?.headers['x-aula-webhook-secret']).toBe('webhook-secret-for-tests');
    expect(event?.headers['content-type']).toBe('application/json');
    expect(event?.body).toEqual({
      event: 'run.completed',
      runId,
      runKind: 'course',
      courseId,
      courseTitle: 'Finanzas personales para empezar',
      url: `https://aula.example.org/studio/runs/${runId}`,
      at: expect.any(String),
    });
  });

  it('announces a failed run once, retrying while the receiver answers 503, without its error text', async () => {
    h.emu.reset();
    failures = [503, 503];
    const { runId, courseId } = await h.generate({ lessonCount: 2, costCapUsd: 0.0001 });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('failed');
    const calls = await eventsFor(runId, 3);
    // The reason (it may name provider hosts, models, quotas) stays in the studio, never in a chat channel.
    expect(run.error).toMatch(/cost cap/);
    for (const call of calls) {
      expect(call.body).toEqual({
        event: 'run.failed',
        runId,
        runKind: 'course',
        courseId,
        courseTitle: expect.any(String),
        url: `https://aula.example.org/studio/runs/${runId}`,
        at: expect.any(String),
      });
      expect(JSON.stringify(call.body)).not.toMatch(/cost|cap|US\$/i);
    }
    await new Promise((r) => setTimeout(r, 1_500));
    expect(received.filter((r) => r.body.runId === runId)).toHaveLength(3);
  });

  it('says nothing about a regeneration that completed', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(1) });
    const { runId, courseId } = await h.generate({ lessonCount: 1 });
    await h.waitForRun(runId);
    const course = await h.courseContent(courseId);
    const { runId: regen } = await h.api.request<{ runId: string }>(
      'POST',
      `/aula/lessons/${course.lessons[0].id}/regenerate`,
      { instruction: 'más corto' },
    );
    expect((await h.waitForRun(regen)).status).toBe('completed');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(received.filter((r) => r.body.runId === regen)).toEqual([]);
  });
});
