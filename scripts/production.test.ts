import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';
import { isLoopback, isProduction, productionProblems } from './production.ts';
import { startUsers } from './provision.ts';

const secret = (c: string) => c.repeat(32);
/** A complete production environment; each test takes one thing away or changes it. */
const complete = {
  AULA_ENV: 'production',
  DIRECTUS_KEY: secret('k'),
  DIRECTUS_SECRET: secret('s'),
  AULA_ADMIN_EMAIL: 'ops@school.example',
  AULA_ADMIN_PASSWORD: 'a long admin passphrase',
  AULA_GENERATOR_TOKEN: secret('g'),
  AULA_PIPELINE_TOKEN: secret('p'),
  AULA_TUTOR_SERVICE_KEY: secret('t'),
  DATABASE_URL: 'postgres://aula:pw@db:5432/aula',
};
const without = (name: string) => ({ ...complete, [name]: undefined });
const names = (problems: string[]) => problems.map((p) => p.slice(0, p.indexOf(':')));

describe('isLoopback', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['localhost', true],
    ['::1', true],
    ['[::1]', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['192.168.1.10', false],
    ['aula.example.org', false],
  ])('%s → %s', (host, loopback) => expect(isLoopback(host)).toBe(loopback));
});

describe('isProduction', () => {
  it.each([
    [{}, false],
    [{ AULA_HOST: '127.0.0.1' }, false],
    [{ AULA_ENV: 'local' }, false],
    [{ AULA_ENV: 'production' }, true],
    [{ AULA_HOST: '0.0.0.0' }, true],
    [{ AULA_ENV: 'local', AULA_HOST: '10.1.2.3' }, true],
  ])('%j → %s', (env, production) => expect(isProduction(env)).toBe(production));
});

describe('productionProblems', () => {
  it('accepts a complete environment', () => expect(productionProblems(complete)).toEqual([]));

  it.each([
    'DIRECTUS_KEY',
    'DIRECTUS_SECRET',
    'AULA_ADMIN_EMAIL',
    'AULA_ADMIN_PASSWORD',
    'AULA_GENERATOR_TOKEN',
    'AULA_PIPELINE_TOKEN',
    'AULA_TUTOR_SERVICE_KEY',
  ])('names %s when it is missing or empty', (name) => {
    expect(productionProblems(without(name))).toEqual([`${name}: not set`]);
    expect(productionProblems({ ...complete, [name]: '  ' })).toEqual([`${name}: not set`]);
  });

  it.each([
    ['AULA_ADMIN_PASSWORD', 'aula-admin-2026', 'is the documented default'],
    ['AULA_ADMIN_PASSWORD', 'aula-demo-2026', 'is the documented default'],
    ['AULA_ADMIN_EMAIL', 'admin@example.com', 'is the documented default'],
    ['AULA_ADMIN_PASSWORD', 'short', 'must be at least 12 characters'],
    ['AULA_ADMIN_EMAIL', 'ops', 'must be an e-mail address'],
    ['DIRECTUS_SECRET', 'secret', 'must be at least 16 characters (a random secret)'],
    ['AULA_TUTOR_SERVICE_KEY', 'k', 'must be at least 16 characters (a random secret)'],
  ])('refuses %s=%s: %s', (name, value, why) => {
    expect(productionProblems({ ...complete, [name]: value })).toEqual([`${name}: ${why}`]);
  });

  it('needs the course-ready webhook secret only when the webhook is in use', () => {
    expect(productionProblems({ ...complete, AULA_COURSE_READY_WEBHOOK_URL: 'https://n8n.example/webhook/x' })).toEqual(
      ['AULA_COURSE_READY_WEBHOOK_SECRET: not set'],
    );
    expect(
      productionProblems({
        ...complete,
        AULA_COURSE_READY_WEBHOOK_URL: 'https://n8n.example/webhook/x',
        AULA_COURSE_READY_WEBHOOK_SECRET: secret('w'),
      }),
    ).toEqual([]);
  });

  it('needs a mail transport when sign-ups verify their e-mail', () => {
    expect(names(productionProblems({ ...complete, AULA_SIGNUP_VERIFY_EMAIL: 'true' }))).toEqual(['EMAIL_TRANSPORT']);
    expect(productionProblems({ ...complete, AULA_SIGNUP_VERIFY_EMAIL: 'true', EMAIL_TRANSPORT: 'smtp' })).toEqual([]);
  });

  it('needs a database of its own (the embedded one has a generated password)', () => {
    expect(names(productionProblems(without('DATABASE_URL')))).toEqual(['DATABASE_URL (or DB_HOST)']);
    expect(productionProblems({ ...without('DATABASE_URL'), DB_HOST: 'db' })).toEqual([]);
  });

  it('names every missing variable at once', () => {
    expect(names(productionProblems({ AULA_ENV: 'production' }))).toEqual([
      'DIRECTUS_KEY',
      'DIRECTUS_SECRET',
      'AULA_GENERATOR_TOKEN',
      'AULA_PIPELINE_TOKEN',
      'AULA_TUTOR_SERVICE_KEY',
      'AULA_ADMIN_EMAIL',
      'AULA_ADMIN_PASSWORD',
      'DATABASE_URL (or DB_HOST)',
    ]);
  });
});

describe('readEnv', () => {
  const home = mkdtempSync(join(tmpdir(), 'aula-env-'));
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it.each([
    ['AULA_ENV=production', { AULA_ENV: 'production' }, /^AULA_ENV=production: refusing to start/],
    ['a non-loopback host', { AULA_HOST: '0.0.0.0' }, /AULA_HOST=0.0.0.0 is not a loopback address/],
  ])('refuses %s without the secrets, in one message naming each of them', (_, source, why) => {
    let message = '';
    try {
      readEnv(home, { AULA_HOME: home, ...source });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(why);
    for (const name of ['DIRECTUS_KEY', 'DIRECTUS_SECRET', 'AULA_ADMIN_EMAIL', 'AULA_ADMIN_PASSWORD']) {
      expect(message).toContain(`${name}: not set`);
    }
    expect(message).toContain('AULA_GENERATOR_TOKEN, AULA_PIPELINE_TOKEN, AULA_TUTOR_SERVICE_KEY');
  });

  it('in production uses exactly the values given, and no demo people or content unless asked', () => {
    const env = readEnv(home, { AULA_HOME: home, ...complete, AULA_HOST: '0.0.0.0' });
    expect(env).toMatchObject({
      production: true,
      key: complete.DIRECTUS_KEY,
      secret: complete.DIRECTUS_SECRET,
      adminPassword: complete.AULA_ADMIN_PASSWORD,
      tutorServiceKey: complete.AULA_TUTOR_SERVICE_KEY,
      demoUsers: false,
      demoContent: false,
    });
    expect(startUsers(env).map((u) => u.email)).toEqual(['generator@example.com', 'pipeline@example.com']);
    expect(readEnv(home, { AULA_HOME: home, ...complete, AULA_DEMO_CONTENT: 'true' }).demoContent).toBe(true);
  });

  it('locally generates the secrets once and keeps the demo logins', () => {
    const first = readEnv(home, { AULA_HOME: home });
    const second = readEnv(home, { AULA_HOME: home });
    expect(first).toMatchObject({ production: false, demoUsers: true, demoContent: true });
    expect(first.adminPassword).toBe('aula-admin-2026');
    expect(first.secret).toMatch(/^[0-9a-f]{48}$/);
    expect(second.secret).toBe(first.secret);
    expect(startUsers(first).map((u) => u.email)).toContain('student@example.com');
  });
});
