import { connect, createServer, type Server, type Socket } from 'node:net';
import { createGenerationQueue, jobId } from '@aula/jobs';
import { accessToken, freePort, startTestStack, type TestStack } from '@aula/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Redis down while a content manager asks for a course. This Directus reaches Redis through a proxy
 * on loopback that can turn silent (accepts TCP, never answers) or stop listening. Connections made
 * while it forwarded (Directus's own cache, rate limiter and bus, opened at start and during set-up)
 * keep forwarding; the course API opens its queue connection at its first use, during the outage.
 */
type Mode = 'forward' | 'silent' | 'closed';

function redisProxy(upstream: URL, port: number) {
  let mode: Mode = 'forward';
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const held = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server = createServer((client) => {
        track(client);
        if (mode === 'silent') {
          held.add(client);
          return;
        }
        const remote = connect(Number(upstream.port || 6379), upstream.hostname);
        track(remote);
        client.pipe(remote).pipe(client);
        client.on('close', () => remote.destroy());
        remote.on('close', () => client.destroy());
      });
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  return {
    url: `redis://127.0.0.1:${port}`,
    listen,
    async set(next: Mode) {
      mode = next;
      for (const socket of held) socket.destroy();
      held.clear();
      // Stops listening at once; close's callback would wait for Directus's own connections to end.
      if (next === 'closed') server?.close();
      else if (!server?.listening) await listen();
    },
    async stop() {
      for (const socket of sockets) socket.destroy();
      await new Promise((r) => (server?.listening ? server.close(r) : r(undefined)));
    },
  };
}

let stack: TestStack;
let proxy: ReturnType<typeof redisProxy>;
const token = { admin: '', editor: '', student: '' };

async function call(who: keyof typeof token, method: string, path: string, body?: unknown) {
  const res = await fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token[who]}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await res.json().catch(() => ({}))) as Record<string, any>;
  return { status: res.status, json: 'data' in json ? json.data : json };
}

const login = (email: string, password: string) => accessToken(stack.url, { email, password });

/** Asks for a course while Redis is away: the answer, how long it took, and what Directus kept of the run. */
async function requestCourse(topic: string) {
  const started = performance.now();
  const res = await call('editor', 'POST', '/aula/courses/generate', { topic, language: 'es', lessonCount: 2 });
  const ms = performance.now() - started;
  const courses = await call(
    'admin',
    'GET',
    `/items/courses?filter[title][_eq]=${encodeURIComponent(topic)}&fields=id,status`,
  );
  const [course] = courses.json as { id: string; status: string }[];
  const runs = await call(
    'admin',
    'GET',
    `/items/generation_runs?filter[course][_eq]=${course?.id}&fields=id,status,error`,
  );
  return { res, ms, course, run: (runs.json as { id: string; status: string; error: string | null }[])[0] };
}

beforeAll(async () => {
  const real = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  proxy = redisProxy(real, await freePort());
  await proxy.listen();
  stack = await startTestStack({ env: { REDIS: proxy.url } });
  token.admin = await login(stack.admin.email, stack.admin.password);
  const editor = stack.users.find((u) => u.role === 'contentManager')!;
  token.editor = await login(editor.email, editor.password!);
  const student = stack.users.find((u) => u.role === 'student')!;
  token.student = await login(student.email, student.password!);
}, 600_000);
afterAll(async () => {
  await proxy?.set('forward');
  await stack?.stop();
  await proxy?.stop();
}, 120_000);

describe('the course API while Redis is down', () => {
  let firstRun = '';

  it('answers 503 within 2 s when Redis accepts connections and never answers, and marks the run not queued', async () => {
    await proxy.set('silent');
    const { res, ms, course, run } = await requestCourse('Redis mudo: curso que no se encola');
    expect(res.status).toBe(503);
    expect(res.json.errors?.[0]?.extensions?.code).toBe('UNAVAILABLE');
    expect(ms).toBeLessThan(2_000);
    expect(run).toMatchObject({ status: 'failed' });
    expect(run?.error).toMatch(/^Not queued: the job queue \(Redis\) did not answer/);
    expect(course?.status).toBe('draft');
    firstRun = run!.id;
  });

  it('refuses a tutor message with 503 within 2 s (its limits live in Redis), storing nothing', async () => {
    const courses = await call(
      'admin',
      'GET',
      '/items/courses?filter[slug][_eq]=primeros-pasos-con-python&fields=id,lessons.id',
    );
    const [demo] = courses.json as { id: string; lessons: { id: string }[] }[];
    expect((await call('student', 'POST', `/aula/courses/${demo!.id}/enroll`)).status).toBe(200);
    const started = performance.now();
    const res = await call('student', 'POST', '/aula/tutor/turns', {
      lessonId: demo!.lessons[0]!.id,
      message: '¿Qué es una variable?',
    });
    expect(res.status).toBe(503);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(res.json.errors?.[0]?.message).toBe('The tutor is unavailable right now; try again in a moment.');
    expect((await call('admin', 'GET', '/items/tutor_conversations?fields=id')).json).toEqual([]);
  });

  it('answers 503 within 2 s when nothing listens where Redis was', async () => {
    await proxy.set('closed');
    const { res, ms, run } = await requestCourse('Redis caído: curso que no se encola');
    expect(res.status).toBe(503);
    expect(ms).toBeLessThan(2_000);
    expect(run).toMatchObject({ status: 'failed' });
    expect(run?.error).toMatch(/^Not queued/);
  });

  it('queues the run once Redis is back, through the retry route', async () => {
    await proxy.set('forward');
    // The course API dials Redis again within a second; until then the retry is refused with 503 too.
    let res = await call('editor', 'POST', `/aula/runs/${firstRun}/retry`);
    for (let i = 0; res.status === 503 && i < 20; i++) {
      await new Promise((r) => setTimeout(r, 250));
      res = await call('editor', 'POST', `/aula/runs/${firstRun}/retry`);
    }
    expect(res.status).toBe(202);
    expect(res.json).toMatchObject({ id: firstRun, status: 'queued' });
    const queue = createGenerationQueue({ redisUrl: stack.redisUrl, prefix: stack.redisPrefix });
    try {
      expect(await queue.queue.getJob(jobId('outline', { runId: firstRun }))).toBeTruthy();
    } finally {
      await queue.close();
    }
  });
});
