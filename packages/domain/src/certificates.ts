import { z } from 'zod';
import { Language } from './course.ts';

/**
 * Certificates of completion (decision 021). The code is the only way to a certificate from outside:
 * 16 characters of Crockford base32 from a CSPRNG (80 bits), so it cannot be guessed.
 */
export const CERTIFICATE_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const CERTIFICATE_CODE_LENGTH = 16;
export const CertificateCode = z
  .string()
  .length(CERTIFICATE_CODE_LENGTH)
  .regex(/^[0-9A-HJKMNP-TV-Z]+$/);

/** A code from 16 random bytes (one base32 digit each, from 5 bits of its byte). */
export function certificateCodeFrom(bytes: Uint8Array): string {
  if (bytes.length < CERTIFICATE_CODE_LENGTH) throw new Error('a certificate code needs 16 random bytes');
  return Array.from(bytes.subarray(0, CERTIFICATE_CODE_LENGTH), (b) => CERTIFICATE_CODE_ALPHABET[b & 31]).join('');
}

/** A code as people type it: case and separators do not matter, I/L read as 1 and O as 0. */
export function normaliseCertificateCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
}

const Id = z.uuid();
const Timestamp = z.iso.datetime({ offset: true });

/** What anyone may see at `/certificados/:code`: no account, no e-mail, no scores. */
export const CertificateVerification = z.object({
  code: CertificateCode,
  holderName: z.string(),
  courseTitle: z.string(),
  courseLanguage: Language,
  issuedAt: Timestamp,
  status: z.enum(['valid', 'revoked']),
  revokedAt: Timestamp.nullable(),
});
export type CertificateVerification = z.infer<typeof CertificateVerification>;

/** The holder's own view of a certificate (`GET /aula/me/certificates`, `POST /aula/courses/:id/certificate`). */
export const Certificate = CertificateVerification.extend({
  certificateId: Id,
  courseId: Id,
  courseSlug: z.string(),
});
export type Certificate = z.infer<typeof Certificate>;

export const MyCertificates = z.object({ certificates: z.array(Certificate) });
export type MyCertificates = z.infer<typeof MyCertificates>;

/** Body of `POST /aula/certificates/:code/revoke` (administrators). */
export const RevokeCertificateRequest = z.object({ reason: z.string().trim().min(1).max(500) }).strict();
export type RevokeCertificateRequest = z.infer<typeof RevokeCertificateRequest>;
