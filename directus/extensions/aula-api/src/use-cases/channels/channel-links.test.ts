import { CHANNEL_CODE_ALPHABET } from '@aula/domain';
import { describe, expect, it } from 'vitest';
import { codeIn, hashCode, newCode } from './channel-links.ts';

describe('link codes', () => {
  it('are XXXX-XXXX of an alphabet without look-alikes, stored only as a hash', () => {
    const { code, hash, expiresAt } = newCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    for (const c of code.replace('-', '')) expect(CHANNEL_CODE_ALPHABET).toContain(c);
    expect(hash).toBe(hashCode(code.replace('-', '')));
    expect(hash).not.toContain(code.replace('-', ''));
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
  });

  it('are read from a whole message, with or without the hyphen, in any case', () => {
    expect(codeIn(' abcd-2345 ')).toEqual({ code: 'ABCD2345', hyphen: true });
    expect(codeIn('ABCD2345')).toEqual({ code: 'ABCD2345', hyphen: false });
    expect(codeIn('mi código es ABCD-2345')).toBeNull();
    expect(codeIn('ABCD-1234')).toBeNull();
  });
});
