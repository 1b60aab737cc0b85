import type { Certificate, CertificateVerification } from '@aula/domain';
import type { Row } from '../../directus.ts';
import { iso } from '../learning/access.ts';

export const CERTIFICATE_FIELDS = [
  'id',
  'user',
  'course',
  'code',
  'holder_name',
  'course_title',
  'issued_at',
  'revoked_at',
] as const;
export type CertificateRow = Pick<Row<'certificates'>, (typeof CERTIFICATE_FIELDS)[number]>;

/** What anyone holding the code may see: the name and title as issued, the date, valid or revoked. */
export function verificationOf(row: CertificateRow, courseLanguage: 'es' | 'en'): CertificateVerification {
  return {
    code: row.code,
    holderName: row.holder_name,
    courseTitle: row.course_title,
    courseLanguage,
    issuedAt: iso(row.issued_at),
    status: row.revoked_at ? 'revoked' : 'valid',
    revokedAt: row.revoked_at ? iso(row.revoked_at) : null,
  };
}

/** The holder's own view: the verification plus the course to link to. */
export function certificateOf(row: CertificateRow, course: { slug: string; language: 'es' | 'en' }): Certificate {
  return {
    ...verificationOf(row, course.language),
    certificateId: row.id,
    courseId: row.course,
    courseSlug: course.slug,
  };
}
