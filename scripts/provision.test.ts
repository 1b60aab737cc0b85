import { startTestStack, type TestStack } from '@aula/test-stack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ProvisionEnv, provision } from './provision.ts';

/** The set-up step of `npm start` against a real Directus: what a second start does to the administrator. */
let stack: TestStack;
const logged: string[] = [];

beforeAll(async () => {
  stack = await startTestStack();
}, 180_000);
afterAll(() => stack?.stop());

function startEnv(overrides: Partial<ProvisionEnv>): ProvisionEnv {
  const token = (email: string) => stack.users.find((u) => u.email === email)?.token as string;
  return {
    production: false,
    adminEmail: stack.admin.email,
    adminPassword: stack.admin.password,
    demoUsers: false,
    demoPassword: 'unused-demo-password',
    demoContent: false,
    signupVerifyEmail: false,
    generatorToken: token('generator@example.com'),
    pipelineToken: token('pipeline@example.com'),
    ...overrides,
  };
}

const run = (env: ProvisionEnv) =>
  provision({
    env,
    directus: stack.config,
    url: stack.url,
    databaseUrl: stack.databaseUrl,
    log: (l) => logged.push(l),
  });

async function login(password: string): Promise<number> {
  const res = await fetch(`${stack.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: stack.admin.email, password }),
  });
  return res.status;
}

describe("a start's set-up and the administrator's password", () => {
  it('in production, a start with another AULA_ADMIN_PASSWORD stops and leaves the password as it was', async () => {
    await expect(run(startEnv({ production: true, adminPassword: 'someone-elses-guess-1' }))).rejects.toThrow(
      /In production a start never resets the administrator's password/,
    );
    expect(await login(stack.admin.password)).toBe(200);
    expect(await login('someone-elses-guess-1')).toBe(401);
    // The next production start, with the right password, goes through and changes nothing.
    expect(await run(startEnv({ production: true }))).toEqual([]);
    expect(logged).toEqual([]);
  });

  it('locally, a start with a new AULA_ADMIN_PASSWORD makes it the password (as README says)', async () => {
    const changes = await run(startEnv({ adminPassword: 'a-new-local-password-2' }));
    expect(changes).toEqual([]);
    expect(logged.join('\n')).toContain('setting that user');
    expect(await login('a-new-local-password-2')).toBe(200);
    expect(await login(stack.admin.password)).toBe(401);
  });
});
