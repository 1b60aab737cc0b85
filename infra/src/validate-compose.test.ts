import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeProblems, dockerfileTargets, memoryMiB, readCompose, SERVERS } from './validate-compose.ts';

const infra = fileURLToPath(new URL('..', import.meta.url));

describe('the compose files of the two servers', () => {
  it.each([
    ['main', SERVERS.main],
    ['support', SERVERS.support],
  ] as const)('%s/compose.yaml follows the Compose Specification and the rules', (dir, server) => {
    expect(composeProblems(readCompose(join(infra, dir, 'compose.yaml')), server)).toEqual([]);
  });
});

/** A valid one-service file, changed by each case. */
const base = `
services:
  web:
    image: aula/web:\${AULA_IMAGE_TAG:?set it}
    build: { context: ../.., dockerfile: infra/images/Dockerfile, target: web }
    restart: unless-stopped
    environment:
      AULA_TUTOR_SERVICE_KEY: \${AULA_TUTOR_SERVICE_KEY:?set it}
    healthcheck: { test: ["CMD", "true"], interval: 30s }
    mem_limit: 1g
`;
const problems = (yaml: string) => composeProblems(parse(yaml), SERVERS.support);

describe('composeProblems', () => {
  it('accepts the base case', () => expect(problems(base)).toEqual([]));

  it.each([
    ['an unknown key (schema)', base.replace('restart:', 'restarts:'), /schema/],
    ['a malformed port (schema)', `${base}    ports: ["300O:3000"]\n`, /schema/],
    ['a wrong duration (schema)', base.replace('interval: 30s', 'interval: soon'), /schema/],
    ['an unpinned image', base.replace('build: {', 'x-build: {').replace(/image: .*/, 'image: redis'), /not pinned/],
    [
      'the latest tag',
      base.replace('build: {', 'x-build: {').replace(/image: .*/, 'image: redis:latest'),
      /not pinned/,
    ],
    ['a built image with a fixed tag', base.replace(/image: .*/, 'image: aula/web:1.0'), /AULA_IMAGE_TAG/],
    [
      'an inline secret',
      base.replace(/AULA_TUTOR_SERVICE_KEY: .*/, 'AULA_TUTOR_SERVICE_KEY: s3cr3t-s3cr3t-s3cr3t'),
      /written in the file/,
    ],
    [
      'a password in a URL',
      base.replace(/AULA_TUTOR_SERVICE_KEY: .*/, 'DATABASE_URL: postgres://aula:hunter2@db/aula'),
      /password written/,
    ],
    ['no health check', base.replace(/ {4}healthcheck: .*\n/, ''), /no health check/],
    ['no restart policy', base.replace(/ {4}restart: .*\n/, ''), /no restart policy/],
    ['no memory limit', base.replace(/ {4}mem_limit: .*\n/, ''), /no memory limit/],
    ['more memory than the server has', base.replace('mem_limit: 1g', 'mem_limit: 2g'), /add up to 2048 MiB/],
    ['a published port', `${base}    ports: ["3000:3000"]\n`, /publishes a port/],
    ['a bind mount', `${base}    volumes: ["./data:/data"]\n`, /host path/],
    [
      'a public Redis',
      `${base.replace('build: {', 'x-build: {').replace(/image: .*/, 'image: redis:7.0.15')}    ports: ["6379:6379"]\n`,
      /beyond the private network/,
    ],
  ])('refuses %s', (_, yaml, message) => {
    expect(problems(yaml).join('\n')).toMatch(message);
  });

  it('lets Redis be published on the private address only', () => {
    const redis = base
      .replace('build: {', 'x-build: {')
      .replace(/image: .*/, 'image: redis:7.0.15')
      .concat(`    ports: ["\${SUPPORT_PRIVATE_IP:?set it}:6379:6379"]\n`);
    expect(problems(redis)).toEqual([]);
  });

  it('exempts one-shot jobs from the health check, not from the memory limit', () => {
    const job = base.replace('restart: unless-stopped', 'restart: "no"').replace(/ {4}healthcheck: .*\n/, '');
    expect(problems(job)).toEqual([]);
    expect(problems(job.replace(/ {4}mem_limit: .*\n/, ''))).toEqual(['web: has no memory limit (mem_limit)']);
  });

  it.each([
    ['1g', 1024],
    ['1536m', 1536],
    ['256mb', 256],
    [1073741824, 1024],
  ])('reads the memory %s as %d MiB', (value, mib) => expect(memoryMiB(value)).toBe(mib));
});

describe('the images the compose files build', () => {
  const dockerfile = dockerfileTargets(readFileSync(join(infra, 'images', 'Dockerfile'), 'utf8'));
  const built = ['main', 'support'].flatMap((dir) =>
    Object.entries((readCompose(join(infra, dir, 'compose.yaml')) as { services: Record<string, any> }).services)
      .filter(([, s]) => s.build)
      .map(([name, s]) => [name, s.build.dockerfile, s.build.target] as const),
  );

  it.each(built)('%s is a target of %s that runs `aula serve <target>`', (_, file, target) => {
    expect(file).toBe('infra/images/Dockerfile');
    expect(dockerfile.get(target)).toEqual(['node', 'scripts/cli.ts', 'serve', target]);
  });

  it('builds every runnable from the one lockfile (no second install)', () => {
    const text = readFileSync(join(infra, 'images', 'Dockerfile'), 'utf8');
    expect(text.match(/pnpm install [^\n]*--frozen-lockfile/g)).toHaveLength(1);
    expect(text).toMatch(/^USER node$/m);
    expect([...dockerfile.keys()]).toEqual(expect.arrayContaining(['directus', 'web', 'workers']));
  });
});
