/**
 * Student-site benchmark (prints numbers, asserts nothing). Directus (test stack, demo course) and
 * the production build of the web app (web/server.ts) run on this machine; the load comes from this
 * process over keep-alive HTTP connections, one signed-in, enrolled student per connection (each
 * from an address of its own, as a proxy in front of the site would report it).
 *
 *   baseline      a static JavaScript chunk served by the same Next server (no rendering, no data)
 *   directus read the anonymous "is this course published?" read the pages make (Directus's cache answers it)
 *   sign-in page  a server-rendered page that reads no data: what Next.js itself costs per page
 *   course page   GET of the demo course's page, signed out (outline from Next's data cache)
 *   lesson page   GET of the first demo lesson: middleware, session, course outline (cached),
 *                 the student's progress, lesson body, quiz and attempts from Directus, rendering
 *   quiz submit   POST /aula/quizzes/:id/attempts, the course API call behind the quiz form's action
 *   api no-op     GET /aula/me as each student: a signed-in course API request that reads nothing, the
 *                 floor of any course API request here (the quiz submission's included)
 *   first-load JS the lesson page's scripts, gzip-compressed
 *
 *   framework JS  the scripts every page of the build loads before any of Aula's (the build manifest's
 *                 `rootMainFiles`: webpack's runtime, React, Next.js's client): the floor of first-load JS
 *
 * Run: `. scripts/dev-env.sh && pnpm --filter @aula/web build && node bench/web.ts [seconds] [connections] [--smoke]`.
 * `runWeb` returns the rows `npm run bench` puts in its table.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { createApi } from '@aula/data';
import { assertWebBuilt } from '@aula/test-stack';
import { serversFor } from './stack.ts';
import { type BenchOptions, printAlone, type Row } from './table.ts';

const COURSE_SLUG = 'primeros-pasos-con-python';
const LESSON_PATH = `/cursos/${COURSE_SLUG}/lecciones/que-es-programar`;

type Req = { method: 'GET' | 'POST'; url: URL; headers: Record<string, string>; body?: string };
type Result = { requests: number; perSecond: number; p50: number; p95: number; p99: number; errors: number };

let agent = new Agent({ keepAlive: true });

function send({ method, url, headers, body }: Req): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Each connection sends its own request in a loop for `seconds`; latencies of the 2xx answers. */
async function load(requests: Req[], seconds: number, ok = (status: number) => status < 300): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    requests.map(async (req) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        try {
          const { status } = await send(req);
          if (ok(status)) latencies.push(performance.now() - t0);
          else errors++;
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
    errors,
  };
}

export const WEB_FIGURES = [
  'lesson page: throughput',
  'lesson page: p95',
  'quiz submission: p95',
  'lesson page first-load JS (gzip)',
  'limit: sign-in page (reads no data): throughput',
  'limit: sign-in page (reads no data): p95',
  'course page (signed out): throughput',
  'directus cached read: throughput',
  'quiz submission: throughput',
  'limit: course API no-op request: p95',
  'limit: course API no-op request: throughput',
] as const;

/** The student site under load: the rows of the table (see the top of this file). */
export async function runWeb({
  smoke,
  log,
  shared,
  seconds = smoke ? 1 : 15,
  connections = smoke ? 2 : 20,
}: BenchOptions & { seconds?: number; connections?: number }): Promise<Row[]> {
  const SECONDS = seconds;
  const CONNECTIONS = connections;
  assertWebBuilt();
  agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS * 2 });
  // This process plays the proxy in front of the site: its X-Forwarded-For is believed (AULA_TRUSTED_PROXIES).
  const servers = await serversFor(shared);
  const { stack, web } = servers;
  try {
    const admin = createApi(
      stack.url,
      (await createApi(stack.url).request<{ access_token: string }>('POST', '/auth/login', stack.admin)).access_token,
    );
    const [studentRole] = await admin.request<{ id: string }[]>('GET', '/roles?filter[name][_eq]=Student&fields=id');
    const [course] = await admin.request<{ id: string }[]>(
      'GET',
      `/items/courses?filter[slug][_eq]=${COURSE_SLUG}&fields=id`,
    );
    const [quiz] = await admin.request<{ id: string; questions: { correct_option: number; sort: number }[] }[]>(
      'GET',
      `/items/quizzes?filter[lesson][slug][_eq]=que-es-programar&filter[lesson][course][slug][_eq]=${COURSE_SLUG}&fields=id,questions.correct_option,questions.sort`,
    );
    if (!studentRole || !course || !quiz) throw new Error('the demo course, its quiz or the Student role is missing');
    // The benchmark submits the same quiz over and over: unlimited attempts (the default policy allows 3).
    await admin.request('PATCH', `/items/quizzes/${quiz.id}`, { max_attempts: null });
    const answers = quiz.questions
      .toSorted((a, b) => a.sort - b.sort)
      .map((q, i) => (i % 2 ? q.correct_option : (q.correct_option + 1) % 4));

    // One enrolled student per connection, signed in as the web app signs people in.
    const students = await Promise.all(
      Array.from({ length: CONNECTIONS }, async (_, i) => {
        const email = `bench-${randomBytes(4).toString('hex')}-${i}@example.com`;
        const password = 'Bench-Password-2026';
        await admin.request('POST', '/users', { email, password, first_name: `Bench ${i}`, role: studentRole.id });
        const tokens = await createApi(stack.url).request<{ access_token: string; refresh_token: string }>(
          'POST',
          '/auth/login',
          { email, password },
        );
        await createApi(stack.url, tokens.access_token).request('POST', `/aula/courses/${course.id}/enroll`, {});
        return { ...tokens, ip: `10.20.${Math.floor(i / 250)}.${(i % 250) + 1}` };
      }),
    );

    const lessonUrl = new URL(LESSON_PATH, web.url);
    const page = await send({
      method: 'GET',
      url: lessonUrl,
      headers: { cookie: `aula_access=${students[0]!.access_token}` },
    });
    const html = page.body.toString('utf8');
    if (page.status !== 200 || !html.includes('id="lesson-body"'))
      throw new Error(`the lesson page answered ${page.status}`);
    const scripts = scriptsOf(html);
    const chunk = scripts.find((s) => s.includes('/_next/static/chunks/'));
    if (!chunk) throw new Error('no script chunk found in the lesson page');
    const { raw: jsRaw, gzip: jsGzip } = await scriptBytes(scripts, web.url);
    const signIn = await send({ method: 'GET', url: new URL('/entrar', web.url), headers: {} });
    const signInJs = await scriptBytes(scriptsOf(signIn.body.toString('utf8')), web.url);
    const frameworkJs = await scriptBytes(frameworkScripts(), web.url);

    const lessonRequests: Req[] = students.map((s) => ({
      method: 'GET',
      url: lessonUrl,
      headers: {
        cookie: `aula_access=${s.access_token}; aula_refresh=${s.refresh_token}`,
        'x-forwarded-for': s.ip,
        'accept-encoding': 'identity',
      },
    }));
    const baselineRequests: Req[] = students.map(() => ({
      method: 'GET',
      url: new URL(chunk, web.url),
      headers: { 'accept-encoding': 'identity' },
    }));
    const signInRequests: Req[] = students.map((s) => ({
      method: 'GET',
      url: new URL('/entrar', web.url),
      headers: { 'x-forwarded-for': s.ip, 'accept-encoding': 'identity' },
    }));
    const courseRequests: Req[] = students.map((s) => ({
      method: 'GET',
      url: new URL(`/cursos/${COURSE_SLUG}`, web.url),
      headers: { 'x-forwarded-for': s.ip, 'accept-encoding': 'identity' },
    }));
    const existsUrl = new URL('/items/courses', stack.url);
    existsUrl.search = new URLSearchParams({
      fields: 'slug',
      filter: JSON.stringify({ slug: { _eq: COURSE_SLUG } }),
      limit: '1',
    }).toString();
    const directusRequests: Req[] = students.map((s) => ({
      method: 'GET',
      url: existsUrl,
      headers: { 'x-forwarded-for': s.ip },
    }));
    const quizRequests: Req[] = students.map((s) => ({
      method: 'POST',
      url: new URL(`/aula/quizzes/${quiz.id}/attempts`, stack.url),
      headers: {
        authorization: `Bearer ${s.access_token}`,
        'content-type': 'application/json',
        'x-forwarded-for': s.ip,
      },
      body: JSON.stringify({ answers }),
    }));

    const noopRequests: Req[] = students.map((s) => ({
      method: 'GET',
      url: new URL('/aula/me', stack.url),
      headers: { authorization: `Bearer ${s.access_token}`, 'x-forwarded-for': s.ip },
    }));

    // Warm-up: JIT, the course outline in Next's data cache, Directus's schema and permission caches.
    await load(lessonRequests, smoke ? 0.5 : 3);
    await load(quizRequests.slice(0, 4), smoke ? 0.2 : 1);

    const baseline = await load(baselineRequests, SECONDS);
    const directusRead = await load(directusRequests, SECONDS);
    const signInPage = await load(signInRequests, SECONDS);
    const coursePage = await load(courseRequests, SECONDS);
    const lesson = await load(lessonRequests, SECONDS);
    const quizSubmit = await load(quizRequests, SECONDS);
    const noop = await load(noopRequests, SECONDS);

    const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
    const line = (name: string, r: Result) =>
      log(
        `${name.padEnd(14)} ${r.perSecond.toFixed(0).padStart(6)} req/s   p50 ${ms(r.p50)}   p95 ${ms(r.p95)}   p99 ${ms(r.p99)}   ${r.requests} ok, ${r.errors} failed`,
      );
    log(`${CONNECTIONS} connections (one student each), ${SECONDS} s per measurement, ${new Date().toISOString()}`);
    line('baseline', baseline);
    line('directus read', directusRead);
    line('sign-in page', signInPage);
    line('course page', coursePage);
    line('lesson page', lesson);
    line('quiz submit', quizSubmit);
    line('api no-op', noop);
    log(
      `first-load JS of the lesson page: ${(jsGzip / 1024).toFixed(1)} kB gzip (${(jsRaw / 1024).toFixed(1)} kB raw, ${new Set(scripts).size} scripts); sign-in page ${(signInJs.gzip / 1024).toFixed(1)} kB gzip; Next.js and React alone ${(frameworkJs.gzip / 1024).toFixed(1)} kB gzip`,
    );
    const chunkRate = { label: 'static chunk', value: baseline.perSecond };
    const chunkP95 = { label: 'static chunk p95', value: baseline.p95 };
    const failures = (r: Result) => (r.errors ? `${r.errors} failed` : undefined);
    const [
      lessonRate,
      lessonP95,
      quizP95,
      js,
      signInRate,
      signInP95,
      courseRate,
      directusRate,
      quizRate,
      noopP95,
      noopRate,
    ] = WEB_FIGURES;
    return [
      {
        bench: 'web',
        figure: lessonRate,
        value: lesson.perSecond,
        unit: 'req/s',
        goal: { op: '≥', value: 300 },
        baseline: chunkRate,
        note: failures(lesson) ?? `${CONNECTIONS} connections, one student each`,
      },
      {
        bench: 'web',
        figure: lessonP95,
        value: lesson.p95,
        unit: 'ms',
        goal: { op: '≤', value: 50 },
        baseline: chunkP95,
      },
      {
        bench: 'web',
        figure: quizP95,
        value: quizSubmit.p95,
        unit: 'ms',
        goal: { op: '≤', value: 100 },
        baseline: { label: 'Directus cached read p95', value: directusRead.p95 },
        note: failures(quizSubmit),
      },
      {
        bench: 'web',
        figure: js,
        value: jsGzip / 1024,
        unit: 'kB',
        goal: { op: '≤', value: 100 },
        baseline: { label: 'Next.js and React alone', value: frameworkJs.gzip / 1024 },
        note: `sign-in page ${(signInJs.gzip / 1024).toFixed(0)} kB`,
      },
      {
        bench: 'web',
        figure: signInRate,
        value: signInPage.perSecond,
        unit: 'req/s',
        baseline: chunkRate,
        note: 'a page Next renders with no data: the ceiling for any page',
      },
      { bench: 'web', figure: signInP95, value: signInPage.p95, unit: 'ms', baseline: chunkP95 },
      { bench: 'web', figure: courseRate, value: coursePage.perSecond, unit: 'req/s', baseline: chunkRate },
      { bench: 'web', figure: directusRate, value: directusRead.perSecond, unit: 'req/s', baseline: chunkRate },
      { bench: 'web', figure: quizRate, value: quizSubmit.perSecond, unit: 'req/s', baseline: chunkRate },
      {
        bench: 'web',
        figure: noopP95,
        value: noop.p95,
        unit: 'ms',
        baseline: { label: 'Directus cached read p95', value: directusRead.p95 },
        note: failures(noop) ?? 'GET /aula/me, signed in, reads nothing: the floor of a course API request',
      },
      { bench: 'web', figure: noopRate, value: noop.perSecond, unit: 'req/s', baseline: chunkRate },
    ];
  } finally {
    agent.destroy();
    await servers.stop();
  }
}

// Scripts every browser loads: each `<script src>` (the `noModule` polyfills only run in browsers
// without modules) and each script the page preloads for its hydration (a chunk a lazy component
// renders on the server with, such as the page's language's strings).
function scriptsOf(html: string): string[] {
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)]
    .map(([tag]) => ({ tag, src: /\ssrc="([^"]+)"/.exec(tag)?.[1] }))
    .filter(({ tag, src }) => src && !/\snomodule\b/i.test(tag))
    .map(({ src }) => src!);
  const preloaded = [...html.matchAll(/<link\b[^>]*>/g)]
    .map(([tag]) => tag)
    .filter((tag) => /\srel="(preload|modulepreload)"/.test(tag) && /\sas="script"/.test(tag))
    .map((tag) => /\shref="([^"]+)"/.exec(tag)?.[1])
    .filter((href): href is string => href !== undefined);
  return [...scripts, ...preloaded];
}

/** The scripts of Next.js and React themselves, which every page loads (from the build's manifest). */
function frameworkScripts(): string[] {
  const manifest = JSON.parse(readFileSync(new URL('../web/.next/build-manifest.json', import.meta.url), 'utf8')) as {
    rootMainFiles: string[];
  };
  return manifest.rootMainFiles.map((file) => `/_next/${file}`);
}

async function scriptBytes(scripts: string[], site: string): Promise<{ raw: number; gzip: number }> {
  let raw = 0;
  let gzip = 0;
  for (const src of new Set(scripts)) {
    const { body } = await send({ method: 'GET', url: new URL(src, site), headers: {} });
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { raw, gzip };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: { smoke: { type: 'boolean', default: false } },
    allowPositionals: true,
  });
  const smoke = values.smoke === true;
  const rows = await runWeb({
    smoke,
    log: console.log,
    ...(positionals[0] ? { seconds: Number(positionals[0]) } : {}),
    ...(positionals[1] ? { connections: Number(positionals[1]) } : {}),
  });
  printAlone(rows, smoke);
}
