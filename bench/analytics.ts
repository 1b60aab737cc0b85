/**
 * The studio's analytics at scale (prints numbers, asserts nothing): a Directus test stack, a course
 * of 5 lessons with --attempts quiz attempts (10 000 by default, by attempts ÷ 5 students, seeded with
 * set-based SQL), then GET /aula/courses/:id/analytics as an administrator --rounds times: the
 * aggregate queries' own time (`queryMs`, measured in the course API) and the whole request's, p50
 * and max, plus what PostgreSQL holds.
 *
 *   node bench/analytics.ts [--attempts 10000] [--rounds 10]
 */
import { parseArgs } from 'node:util';
import { accessToken, seedAnalyticsBulk, startTestStack } from '@aula/test-stack';

const { values } = parseArgs({ options: { attempts: { type: 'string' }, rounds: { type: 'string' } } });
const ATTEMPTS = Number(values.attempts ?? '10000');
const ROUNDS = Number(values.rounds ?? '10');
if (!(Number.isInteger(ATTEMPTS) && ATTEMPTS > 0 && ATTEMPTS <= 1_000_000))
  throw new Error('--attempts: 1 to 1 000 000');
if (!(Number.isInteger(ROUNDS) && ROUNDS > 0 && ROUNDS <= 100)) throw new Error('--rounds: 1 to 100');

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;

const stack = await startTestStack();
try {
  const seeding = performance.now();
  const { courseId, students } = await seedAnalyticsBulk(stack.databaseUrl, { attempts: ATTEMPTS });
  console.log(`seeded ${ATTEMPTS} attempts by ${students} students in ${Math.round(performance.now() - seeding)} ms`);
  const token = await accessToken(stack.url, stack.admin);
  const query: number[] = [];
  const request: number[] = [];
  let last: { lessons: { quiz: { attempts: number } | null }[]; hotspots: unknown[] } | undefined;
  for (let i = 0; i <= ROUNDS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${stack.url}/aula/courses/${courseId}/analytics`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!res.ok) throw new Error(`analytics: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { queryMs: number } & NonNullable<typeof last>;
    // The first round warms PostgreSQL's and Directus's caches; it is not counted.
    if (i > 0) {
      query.push(body.queryMs);
      request.push(performance.now() - t0);
    }
    last = body;
  }
  const counted = last?.lessons.reduce((n, l) => n + (l.quiz?.attempts ?? 0), 0);
  query.sort((a, b) => a - b);
  request.sort((a, b) => a - b);
  console.log(`attempts counted by the aggregates: ${counted}; hotspots: ${last?.hotspots.length}`);
  console.log(`aggregate queries (queryMs): p50 ${pct(query, 0.5)} ms, max ${query.at(-1)} ms over ${ROUNDS} rounds`);
  console.log(
    `whole request: p50 ${Math.round(pct(request, 0.5))} ms, max ${Math.round(request.at(-1) ?? 0)} ms over ${ROUNDS} rounds`,
  );
} finally {
  await stack.stop();
}
