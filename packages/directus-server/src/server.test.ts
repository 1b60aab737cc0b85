import { readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { directusCli, directusEnv } from './server.ts';

const config = {
  host: '127.0.0.1',
  port: 8055,
  publicUrl: 'http://127.0.0.1:8055',
  databaseUrl: 'postgres://postgres@127.0.0.1:5432/aula',
  redisUrl: 'redis://127.0.0.1:6379',
  redisPrefix: 'aula-x:',
  key: 'k',
  secret: 's',
  adminEmail: 'admin@example.com',
  adminPassword: 'p',
  uploadsDir: '/tmp/aula-uploads',
};

/** Every `env["…NAMESPACE"]` / `env["…KEY_PREFIX"]` the installed Directus reads, found in its own code. */
function namespaceVariables(): string[] {
  const dist = dirname(createRequire(directusCli).resolve('@directus/api/package.json'));
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.js')) {
        for (const [, name] of readFileSync(path, 'utf8').matchAll(/env\["([A-Z_]+(?:NAMESPACE|KEY_PREFIX))"\]/g)) {
          names.add(name!);
        }
      }
    }
  };
  walk(join(dist, 'dist'));
  return [...names].sort();
}

describe('the environment Directus runs with', () => {
  it('puts every Redis namespace the installed Directus reads under our prefix', () => {
    const env = directusEnv(config);
    const variables = namespaceVariables();
    // The ones known today: a new Directus adding one must make this list, and directusEnv, longer.
    expect(variables).toEqual(
      expect.arrayContaining([
        'CACHE_NAMESPACE',
        'REDIS_BUS_NAMESPACE',
        'REDIS_LOCK_NAMESPACE',
        'REDIS_PERMISSIONS_NAMESPACE',
      ]),
    );
    // Metrics names are labels, not Redis keys.
    const redisVariables = variables.filter((name) => !name.startsWith('METRICS_'));
    const unprefixed = redisVariables.filter((name) => !env[name]?.startsWith(config.redisPrefix));
    expect(unprefixed).toEqual([]);
  });
});

describe('who Directus believes about a caller’s address', () => {
  it('believes X-Forwarded-For only from the web server’s hop by default, never from anyone', () => {
    const env = directusEnv(config);
    expect(env.IP_TRUST_PROXY).toBe('array:loopback');
    expect(env.IP_CUSTOM_HEADER).toBe('false');
  });

  it('adds the proxies in front when told', () => {
    const env = directusEnv({ ...config, trustedProxies: ['loopback', '10.0.1.0/24'] });
    expect(env.IP_TRUST_PROXY).toBe('array:loopback,10.0.1.0/24');
  });
});

describe('Directus’s own metrics', () => {
  it('are on, for administrators only when no token is given', () => {
    const env = directusEnv(config);
    expect(env).toMatchObject({
      METRICS_ENABLED: 'true',
      METRICS_SCHEDULE: '*/1 * * * *',
      METRICS_SERVICES: 'database,cache,redis',
    });
    expect(env.METRICS_TOKENS).toBeUndefined();
  });

  it('take the scraper’s token (sent as `Authorization: Metrics <token>`) and a faster schedule when told', () => {
    const env = directusEnv({ ...config, metricsToken: 'm'.repeat(32), metricsSchedule: '*/2 * * * * *' });
    expect(env).toMatchObject({ METRICS_TOKENS: 'm'.repeat(32), METRICS_SCHEDULE: '*/2 * * * * *' });
  });
});

describe('Directus’s request log', () => {
  it('leaves out the Chatwoot webhook, whose URL carries its secret', () => {
    const env = directusEnv({ ...config, logLevel: 'info' });
    expect(String(env.LOG_HTTP_IGNORE_PATHS).split(',')).toContain('/aula/channels/chatwoot/webhook');
  });
});
