import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCompose } from './validate-compose.ts';

const infra = fileURLToPath(new URL('..', import.meta.url));

/** Decision 014: the image that runs backups carries a pg_dump of the production server's major. */
describe('the backup client in the directus image', () => {
  it('is PostgreSQL client of the same major as the compose file’s postgres image', () => {
    const compose = readCompose(join(infra, 'main', 'compose.yaml')) as { services: { postgres: { image: string } } };
    const server = /^postgres:(\d+)/.exec(compose.services.postgres.image)?.[1];
    const dockerfile = readFileSync(join(infra, 'images', 'Dockerfile'), 'utf8');
    const directus = dockerfile.slice(dockerfile.indexOf('FROM runtime AS directus'));
    const client = /^ARG PG_CLIENT_MAJOR=(\d+)$/m.exec(directus)?.[1];
    expect(server).toBeDefined();
    expect(client).toBe(server);
    expect(directus).toMatch(/apt-get install [^\n]*postgresql-client-\$\{PG_CLIENT_MAJOR\}/);
  });
});
