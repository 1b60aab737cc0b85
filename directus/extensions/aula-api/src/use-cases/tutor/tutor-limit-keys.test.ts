import { describe, expect, it } from 'vitest';
import { tutorLimitKeys } from './tutor-limit-keys.ts';

describe('tutorLimitKeys', () => {
  it('one key per student and minute, one per student and UTC day, under the prefix', () => {
    const at = new Date('2026-03-04T10:20:30Z');
    const keys = tutorLimitKeys('aula:', 'u1', at);
    expect(keys.day).toBe('aula:tutor:tokens:u1:2026-03-04');
    expect(keys.minute).toBe(`aula:tutor:msgs:u1:${Math.floor(at.getTime() / 60_000)}`);
    expect(tutorLimitKeys('aula:', 'u1', new Date('2026-03-04T10:21:00Z')).minute).not.toBe(keys.minute);
  });
});
