/**
 * Lighthouse 12, mobile (its default: a Moto G-class phone on slow 4G, simulated), on the home page,
 * a course page and a lesson (signed in, enrolled): the performance, accessibility, best-practices and
 * SEO scores, the metrics behind performance, and every audit short of full marks in the other
 * categories. Prints numbers, asserts nothing.
 *
 * Chrome is the system's Chromium (`which chromium`), started by chrome-launcher: nothing is
 * downloaded. Directus (test stack, demo course) and the production build of the web app run on this
 * machine, started here, or pass the address of a running site (home and course page only then; a
 * lesson needs a signed-in student's cookie: AULA_LIGHTHOUSE_COOKIE="aula_access=…; aula_refresh=…").
 *
 * Run: `. scripts/dev-env.sh && pnpm --filter @aula/web build && node bench/lighthouse.ts [runs] [site URL]`.
 * Each page is measured `runs` times (default 3); the median performance run is the one reported.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createApi } from '@aula/data';
import { assertWebBuilt, startTestStack, startWeb } from '@aula/test-stack';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const RUNS = Number(process.argv[2] ?? 3);
const GIVEN_URL = process.argv[3];
const COURSE_PATH = '/cursos/primeros-pasos-con-python';
const LESSON_PATH = `${COURSE_PATH}/lecciones/que-es-programar`;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
const METRICS = [
  'first-contentful-paint',
  'largest-contentful-paint',
  'total-blocking-time',
  'cumulative-layout-shift',
  'speed-index',
] as const;

type Report = {
  scores: Record<(typeof CATEGORIES)[number], number>;
  metrics: Record<string, string>;
  flagged: string[];
};

function chromiumPath(): string {
  const path = execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  if (!path) throw new Error('`which chromium` found nothing: install the chromium package (no browser is downloaded)');
  return path;
}

/** A student of the demo course, signed in as the web app signs people in: their session cookies. */
async function enrolledStudent(directusUrl: string, admin: { email: string; password: string }): Promise<string> {
  const api = createApi(
    directusUrl,
    (await createApi(directusUrl).request<{ access_token: string }>('POST', '/auth/login', admin)).access_token,
  );
  const [role] = await api.request<{ id: string }[]>('GET', '/roles?filter[name][_eq]=Student&fields=id');
  const [course] = await api.request<{ id: string }[]>(
    'GET',
    '/items/courses?filter[slug][_eq]=primeros-pasos-con-python&fields=id',
  );
  if (!role || !course) throw new Error('the demo course or the Student role is missing');
  const email = `lighthouse-${randomBytes(4).toString('hex')}@example.com`;
  const password = 'Lighthouse-Password-2026';
  await api.request('POST', '/users', { email, password, first_name: 'Lighthouse', role: role.id });
  const tokens = await createApi(directusUrl).request<{ access_token: string; refresh_token: string }>(
    'POST',
    '/auth/login',
    { email, password },
  );
  await createApi(directusUrl, tokens.access_token).request('POST', `/aula/courses/${course.id}/enroll`, {});
  return `aula_access=${tokens.access_token}; aula_refresh=${tokens.refresh_token}`;
}

async function audit(url: string, port: number, cookie?: string): Promise<Report> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: [...CATEGORIES],
    ...(cookie ? { extraHeaders: { cookie } } : {}),
  });
  if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
  const { lhr } = result;
  if (lhr.runtimeError) throw new Error(`${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [id, Math.round((lhr.categories[id]?.score ?? 0) * 100)]),
  ) as Report['scores'];
  const metrics = Object.fromEntries(METRICS.map((id) => [id, lhr.audits[id]?.displayValue ?? '?']));
  const flagged = CATEGORIES.flatMap((category) =>
    (lhr.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0)
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative')
      .map((a) => `${category}: ${a!.id} (${a!.score}) ${a!.title}${a!.displayValue ? ` — ${a!.displayValue}` : ''}`),
  );
  return { scores, metrics, flagged };
}

const median = (reports: Report[]) =>
  reports.toSorted((a, b) => a.scores.performance - b.scores.performance)[Math.floor(reports.length / 2)]!;

const stack = GIVEN_URL ? null : await startTestStack();
let web: Awaited<ReturnType<typeof startWeb>> | null = null;
let chrome: chromeLauncher.LaunchedChrome | null = null;
try {
  let base = GIVEN_URL?.replace(/\/+$/, '');
  let cookie = process.env.AULA_LIGHTHOUSE_COOKIE;
  if (stack) {
    assertWebBuilt();
    web = await startWeb({ directusUrl: stack.url });
    base = web.url;
    cookie = await enrolledStudent(stack.url, stack.admin);
  }
  chrome = await chromeLauncher.launch({
    chromePath: chromiumPath(),
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-component-update'],
  });
  const pages: [name: string, path: string, cookie?: string][] = [
    ['home', '/'],
    ['course page', COURSE_PATH],
    ...(cookie ? [['lesson', LESSON_PATH, cookie] as [string, string, string]] : []),
  ];
  // A first visit of each page warms the server (JIT, Next's data cache) before anything is measured.
  for (const [, path, withCookie] of pages)
    await fetch(`${base}${path}`, { headers: withCookie ? { cookie: withCookie } : {} });
  console.log(`Lighthouse (mobile), ${RUNS} run(s) per page, median by performance, on ${base}`);
  for (const [name, path, withCookie] of pages) {
    const reports: Report[] = [];
    for (let run = 0; run < RUNS; run++) reports.push(await audit(`${base}${path}`, chrome.port, withCookie));
    const report = median(reports);
    const all = reports.map((r) => r.scores.performance).join('/');
    console.log(
      `\n${name.padEnd(12)} performance ${report.scores.performance} (runs ${all}) · accessibility ${report.scores.accessibility} · best practices ${report.scores['best-practices']} · SEO ${report.scores.seo}`,
    );
    console.log(`  ${METRICS.map((id) => `${id} ${report.metrics[id]}`).join(' · ')}`);
    for (const line of new Set(reports.flatMap((r) => r.flagged))) console.log(`  ${line}`);
  }
} finally {
  chrome?.kill();
  await web?.stop();
  await stack?.stop();
}
