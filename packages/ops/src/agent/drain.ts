import { bullPrefix, GENERATION_QUEUE, redisConnection } from '@aula/jobs';
import { Queue } from 'bullmq';

/**
 * Drain: the generation queue's waiting (and delayed) jobs removed, so nothing new starts; jobs a
 * worker holds finish. Returns how many were waiting.
 */
export async function drainGenerationQueue(redisUrl: string, prefix: string): Promise<{ removed: number }> {
  const connection = redisConnection(redisUrl, { maxRetriesPerRequest: 1, connectTimeout: 5_000 });
  const queue = new Queue(GENERATION_QUEUE, { connection, prefix: bullPrefix(prefix) });
  try {
    const counts = await queue.getJobCounts('waiting', 'delayed', 'prioritized');
    await queue.drain(true);
    return { removed: (counts.waiting ?? 0) + (counts.delayed ?? 0) + (counts.prioritized ?? 0) };
  } finally {
    await queue.close();
    connection.disconnect();
  }
}
