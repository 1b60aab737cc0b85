import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { jobId, parseJob } from './definitions.ts';
import { createGenerationQueue } from './queue.ts';

const runId = '7d1c2a9e-4b7f-4c1e-9a55-0c7d6f3b2e11';
const lessonId = '0b9f7f55-3a4c-4d2b-8e61-5a4d3c2b1a00';
const prefix = `aula-test-jobs-${randomBytes(4).toString('hex')}:`;
const queue = createGenerationQueue({ redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix });

afterAll(async () => {
  await queue.queue.obliterate({ force: true });
  await queue.close();
});

describe('job contracts', () => {
  it('gives every step of a run a deterministic id', () => {
    expect(jobId('outline', { runId })).toBe(`${runId}.outline`);
    expect(jobId('lesson', { runId, lessonId })).toBe(`${runId}.lesson.${lessonId}`);
  });

  it.each([
    ['outline', {}],
    ['outline', { runId: 'not-a-uuid' }],
    ['lesson', { runId }],
    ['lesson', { runId, lessonId, secret: 'sk-123' }],
  ] as const)('rejects a %s payload %j', (name, data) => {
    expect(() => parseJob(name, data)).toThrow();
  });

  it('adds a step once, however often it is enqueued (real Redis)', async () => {
    await queue.enqueue('lesson', { runId, lessonId });
    await queue.enqueue('lesson', { runId, lessonId });
    expect(await queue.queue.getJobCountByTypes('waiting')).toBe(1);
  });

  it('refuses to enqueue a payload that breaks the contract', async () => {
    await expect(queue.enqueue('outline', { runId: 'x' } as never)).rejects.toThrow();
  });
});
