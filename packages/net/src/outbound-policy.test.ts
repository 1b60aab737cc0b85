import { describe, expect, it } from 'vitest';
import { DENY_ALL_PRIVATE, isAddressAllowed, readOutboundPolicy } from './outbound-policy.ts';

describe('the outbound policy (AULA_OUTBOUND_ALLOW)', () => {
  it('allows public addresses and nothing else by default', () => {
    expect(readOutboundPolicy(undefined)).toEqual(DENY_ALL_PRIVATE);
    expect(isAddressAllowed(DENY_ALL_PRIVATE, '8.8.8.8')).toBe(true);
    for (const address of ['127.0.0.1', '::1', '10.0.0.1', '169.254.169.254', 'fd00:ec2::254', '::ffff:127.0.0.1']) {
      expect(isAddressAllowed(DENY_ALL_PRIVATE, address)).toBe(false);
    }
  });

  it.each([
    ['127.0.0.1', '127.0.0.1', true],
    ['127.0.0.1', '::ffff:127.0.0.1', true],
    ['127.0.0.1', '127.0.0.2', false],
    ['127.0.0.1', '::1', false],
    ['::1', '::1', true],
    ['::1', '127.0.0.1', false],
    ['10.0.4.0/24', '10.0.4.200', true],
    ['10.0.4.0/24', '10.0.5.1', false],
    ['10.0.4.0/24', '169.254.169.254', false],
    [' 127.0.0.1 , ::1 ', '::1', true],
    ['fd00::/8', 'fd00:ec2::254', true],
  ])('"%s" lets %s through: %s', (value, address, allowed) => {
    expect(isAddressAllowed(readOutboundPolicy(value), address)).toBe(allowed);
  });

  it.each([['0.0.0.0/0'], ['::/0']])('refuses %s, which would switch the guard off', (value) => {
    expect(() => readOutboundPolicy(value)).toThrow(/every address/);
  });

  it('names an entry that is not an address', () => {
    expect(() => readOutboundPolicy('127.0.0.1,localhost')).toThrow(/AULA_OUTBOUND_ALLOW: "localhost"/);
  });
});
