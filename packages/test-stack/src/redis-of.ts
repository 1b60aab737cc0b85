/**
 * The Redis (URL and key prefix) of each test stack's Directus started in this process, by its URL:
 * `startWeb` gives the site the same one, as production does (the content version, decision 016).
 */
const stacks = new Map<string, { redisUrl: string; redisPrefix: string }>();

export function rememberRedisOf(directusUrl: string, redis: { redisUrl: string; redisPrefix: string }): void {
  stacks.set(directusUrl, redis);
}

export function forgetRedisOf(directusUrl: string): void {
  stacks.delete(directusUrl);
}

export function redisOf(directusUrl: string): { redisUrl: string; redisPrefix: string } | undefined {
  return stacks.get(directusUrl);
}
