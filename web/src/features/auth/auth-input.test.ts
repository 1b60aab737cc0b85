import { describe, expect, it } from 'vitest';
import { parseForm, SignInInput, SignUpInput } from './auth-input.ts';

describe('SignUpInput', () => {
  it.each([
    [{ name: ' Ana ', email: ' Ana@Example.COM ', password: 'una-clave-larga' }, null],
    [{}, { name: 'required', email: 'required', password: 'required' }],
    [
      { name: '   ', email: 'ana', password: 'corta' },
      { name: 'required', email: 'email', password: 'passwordTooShort' },
    ],
    [
      { name: 'x'.repeat(81), email: 'a@b.co', password: 'x'.repeat(129) },
      { name: 'tooLong', password: 'tooLong' },
    ],
    [{ name: 'Ana', email: 'a@b.co', password: '123456789' }, { password: 'passwordTooShort' }],
  ])('%j → %j', (form, problems) => {
    const result = parseForm(SignUpInput, form);
    if (problems === null) {
      expect(result).toEqual({
        ok: true,
        data: { name: 'Ana', email: 'ana@example.com', password: 'una-clave-larga' },
      });
    } else {
      expect(result).toEqual({ ok: false, problems });
    }
  });
});

describe('SignInInput', () => {
  it('needs an e-mail and any non-empty password', () => {
    expect(parseForm(SignInInput, { email: 'a@b.co', password: 'x' }).ok).toBe(true);
    expect(parseForm(SignInInput, { email: '', password: '' })).toEqual({
      ok: false,
      problems: { email: 'required', password: 'required' },
    });
  });
});
