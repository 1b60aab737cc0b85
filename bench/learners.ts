/**
 * A class behind one address (prints numbers, asserts nothing): N virtual learners, all from one
 * school address (one X-Forwarded-For, as the school's proxy or NAT would make it), use the student
 * site at a normal pace against a real stack: Directus (test stack, demo course) with the production
 * request limits (AULA_RATE_LIMIT_USER/ANONYMOUS/ADDRESS at their defaults: 50, 50, 1000 a second)
 * and the production build of the web app (web/server.ts). --sign-ins of them (50) sign in through
 * the sign-in form; the others signed in before the run (an access token as Directus issues it, signed
 * with its SECRET: 500 password checks would measure argon2 on 2 cores, not the limits). Each enrols, then for each round reads the lesson page and submits its quiz through the quiz form
 * (both server actions posted as a browser without JavaScript posts them), thinking 30–90 s (times
 * --scale) before each step; halfway through the thinking after reading, each asks the tutor one
 * question (the provider emulator answers after --tutor-ttft ms: the time the site adds to it is what
 * counts). Each round also fetches one of the site's static chunks: the baseline, under the same load.
 * Arrivals are spread over the longest think time.
 *
 * Prints p50/p95 latency per step, the errors, and the 429s: HTTP 429s, and refusals the site showed
 * ("Hay mucha actividad", "Demasiados intentos"); then the quiz attempts stored in the database,
 * which must equal the submissions that looked successful.
 *
 *   node bench/learners.ts [--learners 500] [--sign-ins 50] [--rounds 3] [--scale 0.5] [--tutor-ttft 300] [--old-limits] [--smoke]
 *
 * --scale 1 is the real pace (a run of ~6 min with 3 rounds); the default 0.5 halves every think time
 * (~3 min), twice the real pace. --old-limits puts back the one per-address limit of 50 requests a
 * second for everyone (before issue 21), to compare. --smoke: 10 learners (2 sign in), one round, think times of
 * 0.3–0.9 s (a few seconds in all).
 * `runLearners` returns the rows `npm run bench` puts in its table.
 * Loopback only: every server listens on 127.0.0.1 and the load never leaves this machine.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { parseArgs } from 'node:util';
import { assertWebBuilt } from '@aula/test-stack';
import { serversFor } from './stack.ts';
import { type BenchOptions, printAlone, type Row } from './table.ts';

const SCHOOL = '203.0.113.10';
const COURSE_SLUG = 'primeros-pasos-con-python';
const LESSON_PATH = `/cursos/${COURSE_SLUG}/lecciones/que-es-programar`;
const PASSWORD = 'Bench-Password-2026';

export type LearnersOptions = {
  learners?: number;
  signIns?: number;
  rounds?: number;
  scale?: number;
  tutorTtft?: number;
  oldLimits?: boolean;
};

export const LEARNERS_FIGURES = [
  'class behind one address: p95 of every step',
  'class behind one address: errors and refusals',
  'sign in: p95',
  'enrol: p95',
  'lesson page: p95',
  'tutor, added before first token: p95',
  'quiz submit: p95',
] as const;

function bounded(raw: string, min: number, max: number, name: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be a whole number in [${min}, ${max}]`);
  return n;
}

type Step = 'sign in' | 'enrol' | 'lesson page' | 'tutor' | 'quiz submit' | 'static chunk';
type Tally = { latencies: number[]; errors: number; refused: number };

let agent = new Agent({ keepAlive: true, maxSockets: 256 });
type Answer = { status: number; headers: Record<string, string | string[] | undefined>; text: string };
function send(
  url: URL,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: Buffer } = {},
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = request(url, { method, headers: { 'x-forwarded-for': SCHOOL, ...headers }, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.setTimeout(60_000, () => req.destroy(new Error(`${method} ${url.pathname}: no answer within 60 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** A server action's form on a page, as a browser without JavaScript posts it (every input it rendered, plus `fields`). */
async function actionBody(html: string, has: string, fields: Record<string, string>) {
  const form = [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find((f) => f.includes(has));
  if (!form) throw new Error(`no form with ${has}`);
  const data = new FormData();
  for (const [, input] of form.matchAll(/<input\b([^>]*)>/g)) {
    const name = /\bname="([^"]*)"/.exec(input ?? '')?.[1];
    const type = /\btype="([^"]*)"/.exec(input ?? '')?.[1];
    if (!name || name in fields || type === 'radio') continue;
    data.append(decode(name), decode(/\bvalue="([^"]*)"/.exec(input ?? '')?.[1] ?? ''));
  }
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  const encoded = new Response(data);
  return {
    body: Buffer.from(await encoded.arrayBuffer()),
    type: encoded.headers.get('content-type') ?? 'multipart/form-data',
  };
}
const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** What the page said to the person (its alert), for the report. */
const said = (html: string) => /class="form__message[^"]*"[^>]*>(?:\s*<[^>]+>)*([^<]{0,160})/.exec(html)?.[1] ?? '';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const BUSY = /Hay mucha actividad|Demasiados intentos|There is a lot of activity/;

/**
 * An access token for a learner, as Directus's sign-in issues one (HS256 with its SECRET, issuer
 * "directus", 15 min): for the part of the class that signed in before the measured window, so that
 * 500 password checks (argon2, seconds each on a loaded 2-core machine) are not what is measured.
 */
function accessTokenFor(id: string, role: string, secret: string): string {
  const now = Math.floor(Date.now() / 1000);
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ id, role, app_access: false, admin_access: false, iat: now, exp: now + 900, iss: 'directus' })}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

export async function runLearners({ smoke, log, shared, ...options }: BenchOptions & LearnersOptions): Promise<Row[]> {
  const LEARNERS = options.learners ?? (smoke ? 10 : 500);
  const SIGN_INS = Math.min(LEARNERS, options.signIns ?? (smoke ? 2 : 50));
  const ROUNDS = options.rounds ?? (smoke ? 1 : 3);
  const SCALE = options.scale ?? (smoke ? 0.01 : 0.5);
  const TUTOR_TTFT = options.tutorTtft ?? (smoke ? 50 : 300);
  const oldLimits = options.oldLimits ?? false;
  if (!(SCALE > 0 && SCALE <= 2)) throw new Error('--scale must be a number in (0, 2]');
  if (!(LEARNERS >= 1 && LEARNERS <= 2_000)) throw new Error('at most 2000 learners');
  const THINK_MS: [number, number] = [30_000 * SCALE, 90_000 * SCALE];
  /** Learners arrive one after another over this long (the longest think time; 5 s at least, 1 s in a smoke run). */
  const ARRIVALS_MS = Math.max(smoke ? 1_000 : 5_000, THINK_MS[1]);
  const think = (share = 1) => sleep(share * (THINK_MS[0] + Math.random() * (THINK_MS[1] - THINK_MS[0])));
  const tally = new Map<Step, Tally>();
  const record = (step: Step, ms: number, outcome: 'ok' | 'error' | 'refused') => {
    const t = tally.get(step) ?? { latencies: [], errors: 0, refused: 0 };
    tally.set(step, t);
    t.latencies.push(ms);
    if (outcome === 'error') t.errors++;
    if (outcome === 'refused') t.refused++;
  };
  const problems: string[] = [];
  /** The first two problems of each step, for the report. */
  const note = (what: string) => {
    const step = what.split(':')[0] ?? '';
    if (problems.filter((p) => p.startsWith(step)).length < 2) problems.push(what);
  };

  /** Times one step; a step may give its own figure instead (`{ ms }`: the tutor's, less the provider's). */
  async function timed(step: Step, fn: () => Promise<'ok' | 'error' | 'refused' | { ms: number }>) {
    const t0 = performance.now();
    let outcome: 'ok' | 'error' | 'refused';
    let ms: number | undefined;
    try {
      const result = await fn();
      if (typeof result === 'object') {
        ms = result.ms;
        outcome = 'ok';
      } else outcome = result;
    } catch (error) {
      note(`${step}: ${(error as Error).message}`);
      outcome = 'error';
    }
    record(step, ms ?? performance.now() - t0, outcome);
    return outcome;
  }

  const limits = oldLimits
    ? { AULA_RATE_LIMIT_ADDRESS: '50', AULA_RATE_LIMIT_USER: '1000', AULA_RATE_LIMIT_ANONYMOUS: '1000' }
    : { AULA_RATE_LIMIT_ADDRESS: '1000', AULA_RATE_LIMIT_USER: '50', AULA_RATE_LIMIT_ANONYMOUS: '50' };
  assertWebBuilt();
  agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const servers = await serversFor(shared, limits);
  const { stack, emu, web } = servers;
  try {
    const admin = async (method: string, path: string, body?: unknown) => {
      const login = await fetch(`${stack.url}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(stack.admin),
      });
      const token = ((await login.json()) as { data: { access_token: string } }).data.access_token;
      const res = await fetch(`${stack.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.status === 204 ? null : ((await res.json()) as { data: any }).data;
    };
    const [role] = await admin('GET', '/roles?filter[name][_eq]=Student&fields=id');
    const [course] = await admin('GET', `/items/courses?filter[slug][_eq]=${COURSE_SLUG}&fields=id`);
    const [quiz] = await admin(
      'GET',
      `/items/quizzes?filter[lesson][slug][_eq]=que-es-programar&filter[lesson][course][slug][_eq]=${COURSE_SLUG}&fields=id,questions.correct_option,questions.sort`,
    );
    const [lesson] = await admin(
      'GET',
      `/items/lessons?filter[slug][_eq]=que-es-programar&filter[course][slug][_eq]=${COURSE_SLUG}&fields=id`,
    );
    // Every learner asks the tutor once a round: the emulator answers each after TUTOR_TTFT.
    const answer = { delayMs: TUTOR_TTFT, chunks: ['Una ', 'pregunta ', 'para ', 'ti: ', '¿qué ', 'crees?'] };
    emu.script('groq', ...Array.from({ length: LEARNERS * ROUNDS }, () => answer));
    // Rounds submit the same quiz again: unlimited attempts for this run (the default policy allows 3).
    await admin('PATCH', `/items/quizzes/${quiz.id}`, { max_attempts: null });
    const answers: number[] = quiz.questions
      .toSorted((a: { sort: number }, b: { sort: number }) => a.sort - b.sort)
      .map((q: { correct_option: number }, i: number) => (i % 2 ? q.correct_option : (q.correct_option + 1) % 4));
    const run = randomBytes(3).toString('hex');
    const people = Array.from({ length: LEARNERS }, (_, i) => ({
      email: `class-${run}-${i}@example.com`,
      first_name: `Learner ${i}`,
      role: role.id,
      // Only those who sign in through the form need a password (hashing one takes ~0.1–0.6 s here).
      ...(i < SIGN_INS ? { password: PASSWORD } : {}),
    }));
    // The class's accounts, made by the school beforehand (50 a request): not part of the load.
    // Paired by e-mail: Directus answers a batch in id order, not in the order it was sent.
    const idOf = new Map<string, string>();
    for (let i = 0; i < people.length; i += 50) {
      const made = await admin('POST', '/users?fields=id,email', people.slice(i, i + 50));
      for (const u of made as { id: string; email: string }[]) idOf.set(u.email, u.id);
    }
    const ids = people.map((p) => {
      const id = idOf.get(p.email);
      if (!id) throw new Error(`${p.email} is not among the accounts made`);
      return id;
    });
    log(`${LEARNERS} accounts made; the class arrives over ${(ARRIVALS_MS / 1000).toFixed(0)} s`);

    const site = new URL(web.url);
    // Warm-up (not counted): the first renders of the pages and Directus's first reads; a static chunk to fetch.
    let chunk: URL | undefined;
    for (const path of ['/entrar', `/cursos/${COURSE_SLUG}`]) {
      const page = await send(new URL(path, site));
      const src = /<script\b[^>]*\ssrc="([^"]*\/_next\/static\/chunks\/[^"]+)"/.exec(page.text)?.[1];
      chunk ??= src ? new URL(src, site) : undefined;
    }
    if (!chunk) throw new Error('no static chunk found on the sign-in page');
    const staticChunk = chunk;
    const origin = site.origin;
    let submitted = 0;

    async function learner(person: { email: string; password?: string }, index: number) {
      await sleep((index / LEARNERS) * ARRIVALS_MS);
      let cookie = '';
      // The rest of the class signed in earlier: their session is an access token as Directus issues one.
      if (index >= SIGN_INS) cookie = `aula_access=${accessTokenFor(ids[index] ?? '', role.id, stack.config.secret)}`;
      const signedIn =
        index >= SIGN_INS
          ? 'ok'
          : await timed('sign in', async () => {
              const page = await send(new URL('/entrar', site));
              const form = await actionBody(page.text, 'name="password"', { email: person.email, password: PASSWORD });
              const res = await send(new URL('/entrar', site), {
                method: 'POST',
                headers: { origin, 'content-type': form.type },
                body: form.body,
              });
              const set = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
              cookie = set.map((c) => c.split(';')[0]).join('; ');
              if (res.status === 429 || BUSY.test(res.text)) return 'refused';
              if (res.status !== 303 || !cookie.includes('aula_access=')) {
                note(`sign in: ${res.status} ${said(res.text)}`);
                return 'error';
              }
              return 'ok';
            });
      if (signedIn !== 'ok') return;
      const token = /aula_access=([^;]+)/.exec(cookie)?.[1] ?? '';
      // Enrolling is what the course page's button does: the course API, as this learner, from the school.
      const enrolled = await timed('enrol', async () => {
        const res = await send(new URL(`/aula/courses/${course.id}/enroll`, stack.url), {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: Buffer.from('{}'),
        });
        if (res.status === 429) return 'refused';
        return res.status < 300 ? 'ok' : 'error';
      });
      if (enrolled !== 'ok') return;
      for (let round = 0; round < ROUNDS; round++) {
        await think();
        await timed('static chunk', async () => ((await send(staticChunk)).status === 200 ? 'ok' : 'error'));
        let html = '';
        const read = await timed('lesson page', async () => {
          const res = await send(new URL(LESSON_PATH, site), { headers: { cookie } });
          html = res.text;
          if (res.status === 429) return 'refused';
          if (res.status !== 200 || !html.includes('id="lesson-body"') || !html.includes('name="quizId"')) {
            note(`lesson page: ${res.status} ${said(res.text) || (/<h1[^>]*>([^<]*)/.exec(html)?.[1] ?? '')}`);
            return 'error';
          }
          return 'ok';
        });
        if (read !== 'ok') continue;
        // Halfway through the thinking, a question for the tutor (the time to its first token, less the provider's).
        await think(0.5);
        const t0 = performance.now();
        await timed('tutor', async () => {
          const res = await fetch(new URL('/api/tutor/messages', site), {
            method: 'POST',
            headers: { cookie, 'content-type': 'application/json', 'x-forwarded-for': SCHOOL },
            body: JSON.stringify({ lessonId: lesson.id, message: '¿Qué es un programa?' }),
            signal: AbortSignal.timeout(60_000),
          });
          if (res.status === 429) return 'refused';
          if (!res.ok || !res.body) {
            note(`tutor: ${res.status} ${(await res.text()).slice(0, 120)}`);
            return 'error';
          }
          let text = '';
          let first = Number.NaN;
          const decoder = new TextDecoder();
          for await (const part of res.body as unknown as AsyncIterable<Uint8Array>) {
            text += decoder.decode(part, { stream: true });
            if (Number.isNaN(first) && text.includes('event: token')) first = performance.now() - t0;
          }
          if (Number.isNaN(first) || text.includes('event: error')) {
            note(`tutor: no answer (${text.slice(0, 120)})`);
            return 'error';
          }
          return { ms: first - TUTOR_TTFT };
        });
        await think(0.5);
        await timed('quiz submit', async () => {
          const fields = Object.fromEntries(answers.map((answer, i) => [`answer-${i}`, String(answer)]));
          const form = await actionBody(html, 'name="quizId"', fields);
          const res = await send(new URL(LESSON_PATH, site), {
            method: 'POST',
            headers: { origin, cookie, 'content-type': form.type },
            body: form.body,
          });
          if (res.status === 429 || BUSY.test(res.text)) return 'refused';
          if (res.status !== 200 || /No hemos podido corregir/.test(res.text)) {
            note(`quiz submit: ${res.status} ${said(res.text) || res.text.slice(0, 120)}`);
            return 'error';
          }
          submitted++;
          return 'ok';
        });
      }
    }

    const started = performance.now();
    await Promise.all(people.map((person, i) => learner(person, i)));
    const minutes = (performance.now() - started) / 60_000;
    const [stored] = await admin(
      'GET',
      `/items/quiz_attempts?aggregate[count]=id&filter[user][email][_starts_with]=class-${run}-`,
    );

    const ms = (n: number) => `${n.toFixed(0).padStart(6)} ms`;
    log(
      `${LEARNERS} learners from one address (${SCHOOL}; ${SIGN_INS} sign in through the form), ${ROUNDS} round(s), think ${(THINK_MS[0] / 1000).toFixed(1)}–${(THINK_MS[1] / 1000).toFixed(1)} s, ` +
        `${oldLimits ? 'OLD limits (50 req/s per address)' : 'limits per person 50/s, anonymous per address 50/s, ceiling per address 1000/s'}, ` +
        `${minutes.toFixed(1)} min, ${new Date().toISOString()}`,
    );
    let totalRefused = 0;
    let totalErrors = 0;
    const p95 = new Map<Step, number>();
    const counted: number[] = [];
    for (const step of ['sign in', 'enrol', 'lesson page', 'tutor', 'quiz submit', 'static chunk'] as Step[]) {
      const t = tally.get(step) ?? { latencies: [], errors: 0, refused: 0 };
      const sorted = t.latencies.toSorted((a, b) => a - b);
      p95.set(step, sorted.length ? percentile(sorted, 0.95) : Number.NaN);
      if (step !== 'static chunk') counted.push(...t.latencies);
      totalRefused += t.refused;
      totalErrors += t.errors;
      log(
        `${step.padEnd(12)} ${String(sorted.length).padStart(5)} requests   p50 ${ms(percentile(sorted, 0.5))}   p95 ${ms(percentile(sorted, 0.95))}   ${t.errors} errors   ${t.refused} × 429`,
      );
    }
    const rate = [...tally.values()].reduce((n, t) => n + t.latencies.length, 0) / (minutes * 60);
    const storedCount = Number(stored?.count?.id ?? 0);
    log(`${rate.toFixed(1)} steps/s on average;  429s: ${totalRefused};  errors: ${totalErrors}`);
    log(`quiz attempts stored: ${storedCount} (submissions that looked successful: ${submitted})`);
    for (const problem of problems) log(`  e.g. ${problem}`);
    // A submission that looked stored but is not (or the other way round) is an error too.
    const lost = Math.abs(storedCount - submitted);
    const chunkP95 = { label: 'static chunk p95, same load', value: p95.get('static chunk') ?? Number.NaN };
    const [all, failures, signIn, enrol, page, tutor, quizSubmit] = LEARNERS_FIGURES;
    const stepRow = (figure: string, step: Step): Row => ({
      bench: 'learners',
      figure,
      value: p95.get(step) ?? Number.NaN,
      unit: 'ms',
      baseline: chunkP95,
      note: `${tally.get(step)?.latencies.length ?? 0} requests`,
    });
    return [
      {
        bench: 'learners',
        figure: all,
        value: percentile(
          counted.toSorted((a, b) => a - b),
          0.95,
        ),
        unit: 'ms',
        goal: { op: '≤', value: 500 },
        baseline: chunkP95,
        note: `${LEARNERS} learners, ${ROUNDS} round(s), think ${(THINK_MS[0] / 1000).toFixed(1)}–${(THINK_MS[1] / 1000).toFixed(1)} s, ${minutes.toFixed(1)} min`,
      },
      {
        bench: 'learners',
        figure: failures,
        value: totalErrors + totalRefused + lost,
        unit: '',
        goal: { op: '≤', value: 0 },
        note: `${totalErrors} errors, ${totalRefused} refused (429), ${storedCount}/${submitted} quiz attempts stored`,
      },
      stepRow(signIn, 'sign in'),
      stepRow(enrol, 'enrol'),
      stepRow(page, 'lesson page'),
      {
        ...stepRow(tutor, 'tutor'),
        note: `${tally.get('tutor')?.latencies.length ?? 0} questions, emulator TTFT ${TUTOR_TTFT} ms subtracted`,
      },
      stepRow(quizSubmit, 'quiz submit'),
    ];
  } finally {
    agent.destroy();
    await web?.stop();
    await emu.stop();
    await stack.stop();
  }
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      learners: { type: 'string' },
      rounds: { type: 'string' },
      scale: { type: 'string' },
      'sign-ins': { type: 'string' },
      'tutor-ttft': { type: 'string' },
      'old-limits': { type: 'boolean', default: false },
      smoke: { type: 'boolean', default: false },
    },
  });
  const smoke = values.smoke === true;
  const rows = await runLearners({
    smoke,
    log: console.log,
    ...(values.learners ? { learners: bounded(values.learners, 1, 2_000, '--learners') } : {}),
    ...(values['sign-ins'] ? { signIns: bounded(values['sign-ins'], 0, 2_000, '--sign-ins') } : {}),
    ...(values.rounds ? { rounds: bounded(values.rounds, 1, 20, '--rounds') } : {}),
    ...(values.scale ? { scale: Number(values.scale) } : {}),
    ...(values['tutor-ttft'] ? { tutorTtft: bounded(values['tutor-ttft'], 0, 10_000, '--tutor-ttft') } : {}),
    oldLimits: values['old-limits'] === true,
  });
  printAlone(rows, smoke);
}
