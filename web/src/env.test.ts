import { describe, expect, it } from 'vitest';
import { parseEnv } from './env.ts';

describe('parseEnv', () => {
  it.each([
    [{}, 'http://127.0.0.1:8055'],
    [{ DIRECTUS_URL: '' }, 'http://127.0.0.1:8055'],
    [{ DIRECTUS_URL: 'https://cms.example.org/' }, 'https://cms.example.org'],
    [{ DIRECTUS_URL: 'http://directus:8055/api' }, 'http://directus:8055/api'],
  ])('reads %j as %s', (source, url) => {
    expect(parseEnv(source).DIRECTUS_URL).toBe(url);
  });

  it.each(['not a url', 'ftp://cms.example.org'])('rejects DIRECTUS_URL=%s naming the variable', (value) => {
    expect(() => parseEnv({ DIRECTUS_URL: value })).toThrow(/DIRECTUS_URL: must be an http\(s\) URL/);
  });
});

describe('AULA_TUTOR_SERVICE_KEY', () => {
  it('is optional, and must be a long secret when set', () => {
    expect(parseEnv({}).AULA_TUTOR_SERVICE_KEY).toBeUndefined();
    expect(parseEnv({ AULA_TUTOR_SERVICE_KEY: 'k'.repeat(32) }).AULA_TUTOR_SERVICE_KEY).toBe('k'.repeat(32));
    expect(() => parseEnv({ AULA_TUTOR_SERVICE_KEY: 'short' })).toThrow(/AULA_TUTOR_SERVICE_KEY: must be at least 16/);
  });
});

describe('AULA_ENV=production', () => {
  it.each([
    [{ AULA_ENV: 'production' }, /AULA_TUTOR_SERVICE_KEY: must be set in production/],
    [{ AULA_ENV: 'staging' }, /AULA_ENV: /],
  ])('refuses %j', (source, why) => {
    expect(() => parseEnv(source)).toThrow(why);
  });

  it('starts with the tutor key set', () => {
    expect(parseEnv({ AULA_ENV: 'production', AULA_TUTOR_SERVICE_KEY: 'k'.repeat(32) }).AULA_ENV).toBe('production');
  });
});

describe('AULA_TRUSTED_PROXIES', () => {
  it('trusts nobody by default, and reads a list of addresses and ranges', () => {
    expect(parseEnv({}).AULA_TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv({ AULA_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7' }).AULA_TRUSTED_PROXIES).toEqual([
      '10.0.0.0/8',
      '192.0.2.7',
    ]);
  });

  it('refuses what is not an address, naming the variable', () => {
    expect(() => parseEnv({ AULA_TRUSTED_PROXIES: 'proxy.example' })).toThrow(/AULA_TRUSTED_PROXIES: .*CIDR/);
  });
});

describe('LOG_LEVEL and AULA_METRICS_TOKEN', () => {
  it('log at info by default, and at the level named', () => {
    expect(parseEnv({}).LOG_LEVEL).toBe('info');
    expect(parseEnv({ LOG_LEVEL: '' }).LOG_LEVEL).toBe('info');
    expect(parseEnv({ LOG_LEVEL: 'warn' }).LOG_LEVEL).toBe('warn');
    expect(() => parseEnv({ LOG_LEVEL: 'verbose' })).toThrow(/LOG_LEVEL: /);
  });

  it('take a metrics token of at least 16 characters', () => {
    expect(parseEnv({}).AULA_METRICS_TOKEN).toBeUndefined();
    expect(parseEnv({ AULA_METRICS_TOKEN: 'm'.repeat(32) }).AULA_METRICS_TOKEN).toBe('m'.repeat(32));
    expect(() => parseEnv({ AULA_METRICS_TOKEN: 'short' })).toThrow(/AULA_METRICS_TOKEN: must be at least 16/);
  });
});
