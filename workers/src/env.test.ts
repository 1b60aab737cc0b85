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
    [{ ...base, AULA_ENV: 'production', AULA_WORKERS_METRICS_PORT: '9464' }, /AULA_METRICS_TOKEN — must be set/],
    [{ ...base, AULA_METRICS_TOKEN: 'short' }, /AULA_METRICS_TOKEN — .*at least 16/],
    [{ ...base, LOG_LEVEL: 'verbose' }, /LOG_LEVEL/],
    [
      { ...base, AULA_REFERENCES_RECHECK_MS: '1000' },
      /AULA_REFERENCES_RECHECK_MS — must be 0 \(off\) or at least 60000/,
    ],
    [{ ...base, AULA_REFERENCES_RECHECK_MS: 'daily' }, /AULA_REFERENCES_RECHECK_MS/],
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
    [{ ...base, AULA_ENV: 'production', AULA_WORKERS_METRICS_PORT: '9464', AULA_METRICS_TOKEN: 'm'.repeat(32) }],
    [{ ...base, AULA_WORKERS_METRICS_PORT: '', LOG_LEVEL: '' }],
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

  it('re-checks references daily unless told otherwise (0 = never)', () => {
    expect(readWorkerEnv(base).AULA_REFERENCES_RECHECK_MS).toBe(86_400_000);
    expect(readWorkerEnv({ ...base, AULA_REFERENCES_RECHECK_MS: '' }).AULA_REFERENCES_RECHECK_MS).toBe(86_400_000);
    expect(readWorkerEnv({ ...base, AULA_REFERENCES_RECHECK_MS: '0' }).AULA_REFERENCES_RECHECK_MS).toBe(0);
    expect(readWorkerEnv({ ...base, AULA_REFERENCES_RECHECK_MS: '3600000' }).AULA_REFERENCES_RECHECK_MS).toBe(
      3_600_000,
    );
  });

  it('asks the model about ambiguous quiz wording only when told (on)', () => {
    expect(readWorkerEnv(base).AULA_QUIZ_AMBIGUITY_CHECK).toBe(false);
    expect(readWorkerEnv({ ...base, AULA_QUIZ_AMBIGUITY_CHECK: '' }).AULA_QUIZ_AMBIGUITY_CHECK).toBe(false);
    expect(readWorkerEnv({ ...base, AULA_QUIZ_AMBIGUITY_CHECK: 'on' }).AULA_QUIZ_AMBIGUITY_CHECK).toBe(true);
    expect(() => readWorkerEnv({ ...base, AULA_QUIZ_AMBIGUITY_CHECK: 'yes' })).toThrow(/AULA_QUIZ_AMBIGUITY_CHECK/);
  });
});
