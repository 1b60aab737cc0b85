import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningDirectus, startDirectus } from '@aula/directus-server';
import { ROLE_NAMES } from '@aula/domain';
import { accessToken, deleteRedisKeys, freePort } from '@aula/test-stack';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

/**
 * The request limits (aula-accounts' request-limit.ts under Directus's own per-address ceiling),
 * against a second Directus on the test stack's database with low numbers, counted per 10 s (so a
 * burst lands in one window however loaded the machine is): 5 requests per person, 10 per address
 * without signing in, 30 per address whoever asks. Each test uses learners and addresses of its own.
 * Its only trusted proxy is 127.0.0.1 (the web server's hop); 127.0.0.2 is a stranger whose
 * X-Forwarded-For counts for nothing.
 */
const USER = 5;
const ANONYMOUS = 10;
const CEILING = 30;
const STRANGER = '127.0.0.2';

let directus: RunningDirectus;
let uploads: string;
const redisPrefix = `aula-test-limits-${randomBytes(4).toString('hex')}:`;
/** Static tokens of learners made for this file (on the shared database, removed after). */
const learners: { id: string; token: string }[] = [];
let adminToken: string;

/** An answer; `limit` is the refusing limiter's number (`extensions.limit` of a 429: 5 per person, 10 anonymous, 30 the ceiling). */
type Answer = { status: number; retryAfter: string | undefined; limit?: number };

/** A GET from a chosen loopback address (fetch cannot choose its source), with headers. */
function get(path: string, { from = '127.0.0.1', headers = {} } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(`${directus.url}${path}`, { headers, localAddress: from, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const answer: Answer = {
          status: res.statusCode ?? 0,
          retryAfter: res.headers['retry-after'] as string | undefined,
        };
        if (answer.status === 429) {
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
              errors?: { extensions?: { limit?: number } }[];
            };
            answer.limit = body.errors?.[0]?.extensions?.limit;
          } catch {}
        }
        resolve(answer);
      });
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`GET ${path}: no answer within 30 s`)));
    req.on('error', reject);
    req.end();
  });
}
const asLearner = (token: string, forwardedFor: string) =>
  get('/users/me?fields=id', { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': forwardedFor } });
const anonymous = (forwardedFor: string, from = '127.0.0.1') =>
  get('/server/ping', { from, headers: { 'x-forwarded-for': forwardedFor } });
const statuses = async (answers: Promise<Answer>[]) => (await Promise.all(answers)).map((a) => a.status);
const count429 = (list: number[]) => list.filter((s) => s === 429).length;

beforeAll(async () => {
  const stack = inject('stack');
  adminToken = await accessToken(stack.url, stack.admin);
  const admin = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' };
  const roles = await fetch(`${stack.url}/roles?filter[name][_eq]=${ROLE_NAMES.student}&fields=id`, { headers: admin });
  const role = ((await roles.json()) as { data: { id: string }[] }).data[0]?.id;
  if (!role) throw new Error('no Student role on the test stack');
  const made = Array.from({ length: 25 }, (_, i) => ({
    email: `class-${redisPrefix.slice(-9, -1)}-${i}@example.com`,
    token: randomBytes(24).toString('hex'),
    role,
    first_name: `Learner ${i}`,
  }));
  const res = await fetch(`${stack.url}/users?fields=id,email`, {
    method: 'POST',
    headers: admin,
    body: JSON.stringify(made),
  });
  if (!res.ok) throw new Error(`creating learners: ${res.status} ${await res.text()}`);
  // Paired by e-mail: Directus answers a batch in its own order (by id), not in the order it was sent,
  // and a token paired with the wrong id made two tests share one person's counter.
  const idOf = new Map(
    ((await res.json()) as { data: { id: string; email: string }[] }).data.map((u) => [u.email, u.id]),
  );
  for (const learner of made) {
    const id = idOf.get(learner.email);
    if (!id) throw new Error(`creating learners: ${learner.email} is not in the answer`);
    learners.push({ id, token: learner.token });
  }

  const port = await freePort();
  uploads = mkdtempSync(join(tmpdir(), 'aula-uploads-'));
  directus = await startDirectus({
    host: '127.0.0.1',
    port,
    publicUrl: `http://127.0.0.1:${port}`,
    databaseUrl: stack.databaseUrl,
    redisUrl: stack.redisUrl,
    redisPrefix,
    key: randomBytes(16).toString('hex'),
    secret: randomBytes(32).toString('hex'),
    adminEmail: stack.admin.email,
    adminPassword: stack.admin.password,
    rateLimitPoints: CEILING,
    userRateLimitPoints: USER,
    anonymousRateLimitPoints: ANONYMOUS,
    uploadsDir: uploads,
    trustedProxies: ['127.0.0.1'],
    extraEnv: { PRESSURE_LIMITER_ENABLED: 'false', AULA_RATE_LIMIT_WINDOW_SECONDS: '10', RATE_LIMITER_DURATION: '10' },
  });
}, 180_000);

afterAll(async () => {
  await directus?.stop();
  const { url, redisUrl } = inject('stack');
  if (learners.length > 0)
    await fetch(`${url}/users`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify(learners.map((l) => l.id)),
    });
  await deleteRedisKeys(redisUrl, redisPrefix);
  if (uploads) rmSync(uploads, { recursive: true, force: true });
});

describe('signed-in requests', () => {
  it('count per person: one learner asking too often is refused, with Retry-After, and no one else is', async () => {
    const [eager, calm] = learners;
    if (!eager || !calm) throw new Error('no learners');
    // A different made-up address on every request changes nothing: the person is the key.
    const answers = await Promise.all(
      Array.from({ length: USER * 3 }, (_, i) => asLearner(eager.token, `198.51.100.${i + 1}`)),
    );
    const refused = answers.filter((a) => a.status === 429);
    expect(refused.length, answers.map((a) => a.status).join(' ')).toBeGreaterThanOrEqual(USER);
    expect(answers.filter((a) => a.status === 200).length).toBeLessThanOrEqual(USER);
    expect(Number(refused[0]?.retryAfter)).toBeGreaterThanOrEqual(1);
    // Same address, same window: the classmate is not affected.
    const classmate = () => asLearner(calm.token, '198.51.100.1');
    expect(await statuses([classmate(), classmate(), classmate()])).toEqual([200, 200, 200]);
  });

  it("a learner's cached read is counted too: Directus's response cache does not let a runaway tab through", async () => {
    // A learner signed in as in the site, with the access token Directus issues (a JWT), re-reading one
    // page that Directus's cache answers after the first read.
    const learner = learners[24];
    if (!learner) throw new Error('no learners');
    const password = `Limits-${randomBytes(6).toString('hex')}!`;
    const { url } = inject('stack');
    const patched = await fetch(`${url}/users/${learner.id}?fields=email,status`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ password }),
    });
    const body = await patched.text();
    expect(patched.status, body).toBe(200);
    const { email } = (JSON.parse(body) as { data: { email: string } }).data;
    const jwt = await accessToken(directus.url, { email, password });
    expect(jwt.split('.')).toHaveLength(3);
    const read = () => asLearner(jwt, '198.51.100.200');
    // One after another, so that every read after the first is the cache's.
    const answers: Answer[] = [];
    for (let i = 0; i < USER * 3; i++) answers.push(await read());
    const list = answers.map((a) => a.status);
    // Which limiter refused, and when it would let the next one through: a clean run once saw all 15 refused.
    const said = answers
      .map((a) => (a.status === 429 ? `429(limit ${a.limit}, retry ${a.retryAfter})` : a.status))
      .join(' ');
    expect(list.slice(0, USER), said).toEqual(Array(USER).fill(200));
    expect(count429(list), said).toBeGreaterThanOrEqual(USER);
    expect(Number(answers.find((a) => a.status === 429)?.retryAfter)).toBeGreaterThanOrEqual(1);
  });

  it('many learners behind one address at a normal pace are never refused', async () => {
    // Nine learners, three requests each, at once: 27 requests in one window from one address, where
    // a per-address limit of 5 or 10 would refuse most of them.
    const list = await statuses(
      learners.slice(2, 11).flatMap((l) => Array.from({ length: 3 }, () => asLearner(l.token, '203.0.113.50'))),
    );
    expect(count429(list), list.join(' ')).toBe(0);
    expect(list.every((s) => s === 200)).toBe(true);
  });

  it('the per-address ceiling still stops abuse from one address spread over many accounts', async () => {
    // 13 accounts, four requests each (under their own limit of 5) from one address: 52 > 30.
    const list = await statuses(
      learners.slice(11, 24).flatMap((l) => Array.from({ length: 4 }, () => asLearner(l.token, '203.0.113.66'))),
    );
    expect(count429(list), list.join(' ')).toBeGreaterThan(0);
  });
});

describe('anonymous requests', () => {
  it('count per address, and one address busy anonymously does not hold up its signed-in learners', async () => {
    const list = await statuses(Array.from({ length: ANONYMOUS * 2 }, () => anonymous('203.0.113.77')));
    expect(count429(list), list.join(' ')).toBeGreaterThanOrEqual(ANONYMOUS);
    const [learner] = learners.slice(-1);
    expect((await asLearner(learner?.token ?? '', '203.0.113.77')).status).toBe(200);
    expect((await anonymous('203.0.113.78')).status).toBe(200);
  });

  it("the Data Studio's static files are not counted: its sign-in page loads whole", async () => {
    const list = await statuses(
      Array.from({ length: ANONYMOUS * 2 }, () => get('/admin/', { headers: { 'x-forwarded-for': '203.0.113.99' } })),
    );
    expect(count429(list), list.join(' ')).toBe(0);
  });

  it("a stranger's made-up X-Forwarded-For does not give each request an address of its own", async () => {
    const list = await statuses(
      Array.from({ length: ANONYMOUS * 2 }, (_, i) => anonymous(`198.51.100.${i + 1}`, STRANGER)),
    );
    expect(count429(list), list.join(' ')).toBeGreaterThanOrEqual(ANONYMOUS);
  });

  it('a made-up token is no way around the anonymous limit: it is answered 401 and serves nothing', async () => {
    const fake = () =>
      get('/users/me', { headers: { authorization: 'Bearer not-a-token', 'x-forwarded-for': '203.0.113.88' } });
    const list = await statuses(Array.from({ length: 6 }, fake));
    expect(list.every((s) => s === 401)).toBe(true);
  });
});
