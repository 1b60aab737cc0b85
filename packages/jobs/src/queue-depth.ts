import type { Queue } from 'bullmq';

export type QueueDepth = { queue: string; counts: Record<string, number>; oldestWaitingSeconds: number };

/**
 * A queue's jobs by state and the age of its oldest job still waiting to be taken (0 when none
 * waits), asked of Redis now: the metrics read it when scraped, and a queue that does not move grows it.
 */
export async function readQueueDepth(queue: Queue): Promise<QueueDepth> {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
  // The wait list's oldest job is its tail; asc=true hands it over first.
  const [oldest] = await queue.getJobs(['wait', 'prioritized'], 0, 0, true);
  const oldestWaitingSeconds = oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0;
  return { queue: queue.name, counts, oldestWaitingSeconds };
}
