import { randomBytes } from 'node:crypto';
import { startTestStack, TEST_PASSWORD, type TestStack } from '@aula/test-stack';
import { type SmtpSink, startSmtpSink } from '@aula/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Sign-in throttling and sign-up limits (the aula-accounts extension) against a Directus of their own,
 * with short delays (1 s, doubling to at most 2 s) so nothing sleeps long. The test client stands in
 * for a trusted proxy (IP_TRUST_PROXY=loopback), so X-Forwarded-For gives each caller its address.
 */
let stack: TestStack;
let sink: SmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink();
  stack = await startTestStack({
    verifyEmail: true,
    env: {
      IP_TRUST_PROXY: 'loopback',
      AULA_LOGIN_FREE_FAILURES: '5',
      AULA_LOGIN_ADDRESS_FREE_FAILURES: '12',
      AULA_LOGIN_ACCOUNT_FREE_FAILURES: '40',
      AULA_LOGIN_DELAY_SECONDS: '1',
      AULA_LOGIN_MAX_DELAY_SECONDS: '2',
      AULA_LOGIN_WINDOW_SECONDS: '600',
      AULA_SIGNUP_PER_ADDRESS_PER_HOUR: '3',
      AULA_SIGNUP_PER_HOUR: '7',
      LOGIN_STALL_TIME: '100',
      REGISTER_STALL_TIME: '100',
      EMAIL_TRANSPORT: 'smtp',
      EMAIL_SMTP_HOST: sink.host,
      EMAIL_SMTP_PORT: String(sink.port),
      EMAIL_SMTP_SECURE: 'false',
      EMAIL_SMTP_IGNORE_TLS: 'true',
      EMAIL_FROM: 'aula@example.com',
    },
  });
}, 240_000);

afterAll(async () => {
  await stack?.stop();
  await sink?.stop();
});

type Answer = { status: number; retryAfter: number | null; body: any };
async function post(path: string, body: unknown, from: string): Promise<Answer> {
  const res = await fetch(`${stack.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const retry = res.headers.get('retry-after');
  return { status: res.status, retryAfter: retry === null ? null : Number(retry), body: text ? JSON.parse(text) : {} };
}
const login = (email: string, password: string, from: string) => post('/auth/login', { email, password }, from);
const register = (email: string, from: string) =>
  post('/users/register', { email, password: TEST_PASSWORD, first_name: 'Nueva' }, from);
const sleep = (s: number) => new Promise((r) => setTimeout(r, s * 1000));

async function statusOf(email: string): Promise<string> {
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query('SELECT status FROM directus_users WHERE email = $1', [email]);
    return rows[0]?.status;
  } finally {
    await db.end();
  }
}

describe('signing in', () => {
  it('30 wrong passwords for the administrator slow the guesser down but never suspend the account', async () => {
    const attacker = '203.0.113.10';
    const answers: Answer[] = [];
    for (let i = 0; i < 30; i++) answers.push(await login(stack.admin.email, `wrong-${i}`, attacker));
    // At once (a delay lasts a second or two; on a loaded machine the checks below can take that long):
    // while the delay runs even the right password waits (a guess must not learn it was right)…
    const early = await login(stack.admin.email, stack.admin.password, attacker);
    const statuses = answers.map((a) => a.status);
    // Five free guesses, then delays: most of the rest are refused without the password being looked at.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(15);
    for (const a of answers.filter((a) => a.status === 429)) {
      expect(a.retryAfter).toBeGreaterThanOrEqual(1);
      expect(a.retryAfter).toBeLessThanOrEqual(2);
      expect(a.body.errors[0].extensions.code).toBe('REQUESTS_EXCEEDED');
    }
    expect(await statusOf(stack.admin.email)).toBe('active');

    expect(early.status).toBe(429);
    // …the owner, elsewhere, is not held up at all…
    expect((await login(stack.admin.email, stack.admin.password, '198.51.100.20')).status).toBe(200);
    // …and once the delay has expired the right password works from the same address too.
    await sleep(early.retryAfter ?? 2);
    expect((await login(stack.admin.email, stack.admin.password, attacker)).status).toBe(200);
    expect(await statusOf(stack.admin.email)).toBe('active');
  }, 90_000);

  it('one address trying many accounts is slowed down for every account, and only for a while', async () => {
    const sprayer = '203.0.113.30';
    const student = stack.users.find((u) => u.email === 'student@example.com');
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) statuses.push((await login(`nobody-${i}@example.com`, 'guess', sprayer)).status);
    expect(statuses.slice(0, 12)).toEqual(Array(12).fill(401));
    expect(statuses.at(-1)).toBe(429);
    // A known account from that address waits as an unknown one does (nothing tells them apart).
    const held = await login('student@example.com', student?.password ?? '', sprayer);
    expect(held.status).toBe(429);
    expect(held.retryAfter).toBeGreaterThanOrEqual(1);
    expect((await login('student@example.com', student?.password ?? '', '198.51.100.31')).status).toBe(200);
    await sleep(held.retryAfter ?? 2);
    expect((await login('student@example.com', student?.password ?? '', sprayer)).status).toBe(200);
    expect(await statusOf('student@example.com')).toBe('active');
  });
});

describe('signing up', () => {
  it('with verification on, the mail reaches the inbox and its link activates the account', async () => {
    const email = `verify-${randomBytes(3).toString('hex')}@example.com`;
    expect((await register(email, '192.0.2.50')).status).toBe(204);
    expect(await statusOf(email)).toBe('unverified');
    expect((await login(email, TEST_PASSWORD, '192.0.2.50')).status).toBe(401);

    const mail = await sink.waitFor(email);
    const link = mail.text.match(/https?:\/\/[^\s"'<>]+\/users\/register\/verify-email\?token=[\w.-]+/)?.[0];
    expect(link).toBeDefined();
    expect(link?.startsWith(stack.url)).toBe(true);
    const verified = await fetch(link as string, { redirect: 'manual' });
    expect(verified.status).toBe(302);
    expect(await statusOf(email)).toBe('active');
    expect((await login(email, TEST_PASSWORD, '192.0.2.50')).status).toBe(200);
  });

  it('takes a few sign-ups per address per hour, and no more than the hourly ceiling for the whole site', async () => {
    const batch = randomBytes(3).toString('hex');
    const from = (address: string, n: number) =>
      Promise.all(Array.from({ length: n }, (_, i) => register(`s-${batch}-${address}-${i}@example.com`, address)));
    // One sign-up was made by the test above: 6 more reach the ceiling of 7.
    const first = await from('192.0.2.61', 4);
    expect(first.map((a) => a.status).sort()).toEqual([204, 204, 204, 429]);
    const refused = first.find((a) => a.status === 429);
    expect(refused?.retryAfter).toBeGreaterThan(60);
    expect(refused?.body.errors[0].extensions.code).toBe('REQUESTS_EXCEEDED');

    expect((await from('192.0.2.62', 3)).map((a) => a.status)).toEqual([204, 204, 204]);
    // The ceiling holds for a fresh address, through REST and GraphQL alike.
    const ceiling = await register(`s-${batch}-late@example.com`, '192.0.2.63');
    expect(ceiling.status).toBe(429);
    expect(ceiling.retryAfter).toBeGreaterThan(60);
    const graphql = await post(
      '/graphql/system',
      { query: `mutation { users_register(email: "g-${batch}@example.com", password: "${TEST_PASSWORD}") }` },
      '192.0.2.64',
    );
    expect(graphql.status).toBe(429);
    expect(await statusOf(`g-${batch}@example.com`)).toBeUndefined();
  });
});
