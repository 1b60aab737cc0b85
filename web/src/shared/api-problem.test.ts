import { describe, expect, it } from 'vitest';
import { problemCode, problemSentence } from './api-problem.ts';
import { dictionary } from './i18n/dictionary.ts';

describe('problemCode', () => {
  it.each([
    ['CONFLICT', 409, 'conflict'],
    ['conflict', undefined, 'conflict'],
    ['INVALID', 400, 'invalid'],
    ['RATE_LIMITED', 429, 'rate_limited'],
    ['INVALID_PAYLOAD', 400, 'invalid'],
    ['TOKEN_EXPIRED', 401, 'unauthorized'],
    ['SOMETHING_NEW', 503, 'unavailable'],
    [undefined, 404, 'not_found'],
    [undefined, 418, 'invalid'],
    [undefined, 500, 'internal'],
    [undefined, undefined, null],
  ] as const)('%s (%s) → %s', (code, status, expected) => {
    expect(problemCode(code, status)).toBe(expected);
  });
});

describe('problemSentence', () => {
  it('says each code in the reader’s language, never in the other', () => {
    const es = dictionary('es');
    const en = dictionary('en');
    expect(problemSentence(es, { code: 'CONFLICT', status: 409 })).toBe(es.apiErrors.conflict);
    expect(problemSentence(en, { code: 'CONFLICT', status: 409 })).toBe(en.apiErrors.conflict);
    expect(problemSentence(es, {})).toBe(es.apiErrors.unknown);
    for (const key of Object.keys(es.apiErrors) as (keyof typeof es.apiErrors)[]) {
      expect(es.apiErrors[key]).not.toBe(en.apiErrors[key]);
      expect(es.apiErrors[key]).toMatch(/^[A-ZÁÉÍÓÚ¡¿].*\.$/);
      expect(en.apiErrors[key]).toMatch(/^[A-Z].*\.$/);
    }
  });
});
