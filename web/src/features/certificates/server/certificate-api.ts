import 'server-only';
import { Certificate, CertificateVerification } from '@aula/domain';
import { directusFetch, parseAnswer } from '../../../shared/directus.ts';

// Certificates (decision 021) through the course API: the holder's with their own token, the public
// verification with none (always fresh: a revocation shows at once), the revocation with an
// administrator's token (the course API checks the role).

export type { Certificate, CertificateVerification } from '@aula/domain';

/** The caller's certificate for a course they completed: issued the first time, the same one after. */
export async function issueCertificate({ token, courseId }: { token: string; courseId: string }): Promise<Certificate> {
  const path = `/aula/courses/${encodeURIComponent(courseId)}/certificate`;
  return parseAnswer(`POST ${path}`, Certificate, await directusFetch({ method: 'POST', path, token, body: {} }));
}

export async function verifyCertificate(code: string): Promise<CertificateVerification> {
  const path = `/aula/certificates/${encodeURIComponent(code)}`;
  return parseAnswer(`GET ${path}`, CertificateVerification, await directusFetch({ path, fresh: true }));
}

export async function revokeCertificate({
  token,
  code,
  reason,
}: {
  token: string;
  code: string;
  reason: string;
}): Promise<CertificateVerification> {
  const path = `/aula/certificates/${encodeURIComponent(code)}/revoke`;
  const json = await directusFetch({ method: 'POST', path, token, body: { reason } });
  return parseAnswer(`POST ${path}`, CertificateVerification, json);
}
