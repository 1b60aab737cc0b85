import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { createGenerationQueue } from './queue.ts';
import { readQueueDepth } from './queue-depth.ts';

const prefix = `aula-test-depth-${randomBytes(4).toString('hex')}:`;
const queue = createGenerationQueue({ redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix });

afterAll(async () => {
  await queue.queue.obliterate({ force: true });
  await queue.close();
});

it('reads the counts by state and the age of the oldest waiting job from Redis', async () => {
  expect(await readQueueDepth(queue.queue)).toMatchObject({
    queue: 'generation',
    counts: { waiting: 0, active: 0 },
    oldestWaitingSeconds: 0,
  });
  const first = await queue.enqueue('outline', { runId: randomUUID() });
  await queue.enqueue('outline', { runId: randomUUID() });
  const created = (await queue.queue.getJob(first))!.timestamp;
  const before = Date.now();
  const depth = await readQueueDepth(queue.queue);
  expect(depth.counts.waiting).toBe(2);
  // The older of the two: its age as of the read.
  expect(depth.oldestWaitingSeconds).toBeGreaterThanOrEqual((before - created) / 1000);
  expect(depth.oldestWaitingSeconds).toBeLessThanOrEqual((Date.now() - created) / 1000);
});
