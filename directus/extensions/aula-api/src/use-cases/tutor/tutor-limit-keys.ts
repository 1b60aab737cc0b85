/**
 * Redis keys of the tutor's limit counters, under the instance's prefix: one per student and minute
 * (messages), one per student and UTC day (tokens). The course API owns these counters.
 */
export function tutorLimitKeys(prefix: string, userId: string, now = new Date()) {
  const minute = Math.floor(now.getTime() / 60_000);
  const day = now.toISOString().slice(0, 10);
  return { minute: `${prefix}tutor:msgs:${userId}:${minute}`, day: `${prefix}tutor:tokens:${userId}:${day}` };
}
