import { describe, expect, it } from 'vitest';
import { readWorkerEnv } from './env.ts';

const base = { AULA_GENERATOR_TOKEN: 'g'.repeat(32) };

describe('readWorkerEnv', () => {
  it.each([
    [{}, /AULA_GENERATOR_TOKEN/],
    [
      { ...base, AULA_ENV: 'production', AULA_COURSE_READY_WEBHOOK_URL: 'https://n8n.example/webhook/ready' },
      /AULA_COURSE_READY_WEBHOOK_SECRET — must be set/,
    ],
    [{ ...base, AULA_ENV: 'production', AULA_ALLOW_REDIS_EVICTION: 'true' }, /AULA_ALLOW_REDIS_EVICTION — must not/],
    [{ ...base, AULA_WORKER_QUEUES: 'generation,lessons' }, /unknown queue lessons/],
  ])('refuses %j', (source, why) => {
    expect(() => readWorkerEnv(source)).toThrow(why);
  });

  it.each([
    [{ ...base, AULA_COURSE_READY_WEBHOOK_URL: 'https://n8n.example/webhook/ready' }],
    [{ ...base, AULA_ALLOW_REDIS_EVICTION: 'true' }],
    [
      {
        ...base,
        AULA_ENV: 'production',
        AULA_COURSE_READY_WEBHOOK_URL: 'https://n8n.example/webhook/ready',
        AULA_COURSE_READY_WEBHOOK_SECRET: 'w'.repeat(32),
      },
    ],
  ])('accepts %j', (source) => {
    expect(readWorkerEnv(source).AULA_GENERATOR_TOKEN).toBe(base.AULA_GENERATOR_TOKEN);
  });

  it.each([
    ['', ['generation', 'trends']],
    ['trends', ['trends']],
    [' generation , trends,generation', ['generation', 'trends']],
  ])('AULA_WORKER_QUEUES %j serves %j', (value, queues) => {
    expect(readWorkerEnv({ ...base, AULA_WORKER_QUEUES: value }).AULA_WORKER_QUEUES).toEqual(queues);
  });
});
