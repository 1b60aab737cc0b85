import { describe, expect, it } from 'vitest';
import { delayAfter, readAccountSettings } from './settings.ts';

const settings = readAccountSettings({ AULA_LOGIN_DELAY_SECONDS: '2', AULA_LOGIN_MAX_DELAY_SECONDS: '900' });

describe('delayAfter', () => {
  it.each([
    [1, 5, 0],
    [4, 5, 0],
    [5, 5, 2],
    [6, 5, 4],
    [7, 5, 8],
    [13, 5, 512],
    [14, 5, 900],
    [1_000, 5, 900],
    [20, 20, 2],
  ])('failure %i with %i free waits %i s', (failures, free, seconds) => {
    expect(delayAfter(failures, free, settings)).toBe(seconds);
  });
});

describe('readAccountSettings', () => {
  it('has defaults for a public site', () => {
    expect(readAccountSettings({})).toEqual({
      pairFreeFailures: 5,
      addressFreeFailures: 20,
      accountFreeFailures: 50,
      baseDelaySeconds: 2,
      maxDelaySeconds: 900,
      windowSeconds: 86_400,
      signUpsPerAddressPerHour: 5,
      signUpsPerHour: 100,
      userRequestsPerSecond: 50,
      anonymousRequestsPerSecond: 50,
      requestWindowSeconds: 1,
    });
  });

  it.each([
    [{ AULA_LOGIN_FREE_FAILURES: '0' }, /AULA_LOGIN_FREE_FAILURES must be a whole number/],
    [{ AULA_SIGNUP_PER_HOUR: 'many' }, /AULA_SIGNUP_PER_HOUR must be a whole number/],
    [{ AULA_LOGIN_DELAY_SECONDS: '60', AULA_LOGIN_MAX_DELAY_SECONDS: '30' }, /must not be below/],
  ])('refuses %j', (env, why) => {
    expect(() => readAccountSettings(env)).toThrow(why);
  });
});
