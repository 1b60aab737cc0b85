import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CertificateCode, certificateCodeFrom, normaliseCertificateCode } from './certificates.ts';

describe('certificate codes', () => {
  it('are 16 Crockford base32 characters, every byte value mapping into the alphabet', () => {
    const all = certificateCodeFrom(Uint8Array.from({ length: 16 }, (_, i) => i * 16 + 15));
    expect(CertificateCode.safeParse(all).success).toBe(true);
    const codes = new Set(Array.from({ length: 200 }, () => certificateCodeFrom(randomBytes(16))));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{16}$/);
    expect(() => certificateCodeFrom(new Uint8Array(8))).toThrow();
  });

  it('are read as people type them: any case, dashes and spaces, I/L as 1 and O as 0', () => {
    expect(normaliseCertificateCode('92fk-zvdh rc5n-6cdz')).toBe('92FKZVDHRC5N6CDZ');
    expect(normaliseCertificateCode('OIL0')).toBe('0110');
    expect(CertificateCode.safeParse(normaliseCertificateCode('not-a-code')).success).toBe(false);
  });
});
