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
 *   first-load JS the lesson page's scripts, gzip-compressed
 *
 * Run: `. scripts/dev-env.sh && pnpm --filter @aula/web build && node bench/web.ts [seconds] [connections]`.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { gzipSync } from 'node:zlib';
import { createApi } from '@aula/data';
import { assertWebBuilt, startTestStack, startWeb } from '@aula/test-stack';

const SECONDS = Number(process.argv[2] ?? 15);
const CONNECTIONS = Number(process.argv[3] ?? 20);
const COURSE_SLUG = 'primeros-pasos-con-python';
const LESSON_PATH = `/cursos/${COURSE_SLUG}/lecciones/que-es-programar`;

type Req = { method: 'GET' | 'POST'; url: URL; headers: Record<string, string>; body?: string };
type Result = { requests: number; perSecond: number; p50: number; p95: number; p99: number; errors: number };

const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS * 2 });

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

const stack = await startTestStack();
assertWebBuilt();
// This process plays the proxy in front of the site: its X-Forwarded-For is believed (AULA_TRUSTED_PROXIES).
const web = await startWeb({ directusUrl: stack.url, env: { AULA_TRUSTED_PROXIES: 'loopback' } });
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
  // Scripts every browser loads (the `noModule` polyfills only run in browsers without modules).
  const scripts = [...html.matchAll(/<script\b[^>]*>/g)]
    .map(([tag]) => ({ tag, src: /\ssrc="([^"]+)"/.exec(tag)?.[1] }))
    .filter(({ tag, src }) => src && !/\snomodule\b/i.test(tag))
    .map(({ src }) => src!);
  const chunk = scripts.find((s) => s.includes('/_next/static/chunks/'));
  if (!chunk) throw new Error('no script chunk found in the lesson page');
  let jsRaw = 0;
  let jsGzip = 0;
  for (const src of new Set(scripts)) {
    const { body } = await send({ method: 'GET', url: new URL(src, web.url), headers: {} });
    jsRaw += body.length;
    jsGzip += gzipSync(body, { level: 9 }).length;
  }

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
    headers: { authorization: `Bearer ${s.access_token}`, 'content-type': 'application/json', 'x-forwarded-for': s.ip },
    body: JSON.stringify({ answers }),
  }));

  // Warm-up: JIT, the course outline in Next's data cache, Directus's schema and permission caches.
  await load(lessonRequests, 3);
  await load(quizRequests.slice(0, 4), 1);

  const baseline = await load(baselineRequests, SECONDS);
  const directusRead = await load(directusRequests, SECONDS);
  const signInPage = await load(signInRequests, SECONDS);
  const coursePage = await load(courseRequests, SECONDS);
  const lesson = await load(lessonRequests, SECONDS);
  const quizSubmit = await load(quizRequests, SECONDS);

  const ms = (n: number) => `${n.toFixed(1).padStart(7)} ms`;
  const row = (name: string, r: Result) =>
    console.log(
      `${name.padEnd(14)} ${r.perSecond.toFixed(0).padStart(6)} req/s   p50 ${ms(r.p50)}   p95 ${ms(r.p95)}   p99 ${ms(r.p99)}   ${r.requests} ok, ${r.errors} failed`,
    );
  console.log(
    `\n${CONNECTIONS} connections (one student each), ${SECONDS} s per measurement, ${new Date().toISOString()}\n`,
  );
  row('baseline', baseline);
  row('directus read', directusRead);
  row('sign-in page', signInPage);
  row('course page', coursePage);
  row('lesson page', lesson);
  row('quiz submit', quizSubmit);
  console.log(`\nlesson page / baseline throughput       ${(lesson.perSecond / baseline.perSecond).toFixed(3)}`);
  console.log(`lesson page / sign-in page throughput  ${(lesson.perSecond / signInPage.perSecond).toFixed(3)}`);
  console.log(`lesson page: goal ≥ 300 req/s, p95 ≤ 50 ms;  quiz submission: goal p95 ≤ 100 ms`);
  console.log(
    `first-load JS of the lesson page: ${(jsGzip / 1024).toFixed(1)} kB gzip (${(jsRaw / 1024).toFixed(1)} kB raw, ${new Set(scripts).size} scripts)`,
  );
} finally {
  agent.destroy();
  await web.stop();
  await stack.stop();
}
