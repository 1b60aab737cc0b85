import { CertificateCode, type CertificateVerification, normaliseCertificateCode } from '@aula/domain';
import type { ItemsOf } from '../../directus.ts';
import { notFound } from '../learning/access.ts';
import { CERTIFICATE_FIELDS, verificationOf } from './certificate-rows.ts';

/**
 * Anyone (signed in or not) checks a certificate by its code: the holder's name, the course, the date,
 * valid or revoked; nothing else about the holder. An unknown or malformed code is `not_found`.
 */
export async function verifyCertificate({
  items,
  code,
}: {
  items: ItemsOf;
  code: unknown;
}): Promise<CertificateVerification> {
  const parsed = CertificateCode.safeParse(normaliseCertificateCode(String(code ?? '')));
  if (!parsed.success) throw notFound('certificate');
  const [row] = await items('certificates').readByQuery({
    filter: { code: { _eq: parsed.data } },
    fields: [...CERTIFICATE_FIELDS],
    limit: 1,
  });
  if (!row) throw notFound('certificate');
  const [course] = await items('courses').readByQuery({
    filter: { id: { _eq: row.course } },
    fields: ['language'],
    limit: 1,
  });
  return verificationOf(row, course?.language ?? 'es');
}
