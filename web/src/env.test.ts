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
