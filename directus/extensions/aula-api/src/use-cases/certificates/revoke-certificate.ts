import {
  AulaError,
  CertificateCode,
  type CertificateVerification,
  invalidFromIssues,
  normaliseCertificateCode,
  RevokeCertificateRequest,
} from '@aula/domain';
import { type Ctx, requireRole } from '../../context.ts';
import { notFound } from '../learning/access.ts';
import { verifyCertificate } from './verify-certificate.ts';

/**
 * An administrator revokes a certificate, with a reason. The change is written as the administrator
 * (Directus's activity log records who and when) and kept on the row (`revoked_by`, `revoke_reason`);
 * revoking again changes nothing. Verification says "revoked" from then on.
 */
export async function revokeCertificate({
  ctx,
  code,
  input,
}: {
  ctx: Ctx;
  code: string;
  input: unknown;
}): Promise<CertificateVerification> {
  requireRole(ctx, []);
  const parsed = RevokeCertificateRequest.safeParse(input);
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const key = CertificateCode.safeParse(normaliseCertificateCode(code));
  if (!key.success) throw notFound('certificate');
  const [row] = await ctx.items('certificates').readByQuery({
    filter: { code: { _eq: key.data } },
    fields: ['id', 'revoked_at'],
    limit: 1,
  });
  if (!row) throw notFound('certificate');
  if (!row.revoked_at) {
    const changed = await ctx
      .itemsAsCaller('certificates')
      .updateByQuery(
        { filter: { id: { _eq: row.id }, revoked_at: { _null: true } } },
        { revoked_at: new Date().toISOString(), revoked_by: ctx.user, revoke_reason: parsed.data.reason },
      );
    if (changed.length === 0 && !row.revoked_at) {
      const [again] = await ctx.items('certificates').readByQuery({
        filter: { id: { _eq: row.id } },
        fields: ['revoked_at'],
        limit: 1,
      });
      if (!again?.revoked_at) throw new AulaError('internal', 'The certificate could not be revoked.');
    }
  }
  return verifyCertificate({ items: ctx.items, code: key.data });
}
