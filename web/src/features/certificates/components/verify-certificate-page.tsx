import { notFound } from 'next/navigation';
import { Unavailable } from '../../../shared/components/unavailable.tsx';
import { DirectusError } from '../../../shared/directus.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { type CertificateVerification, verifyCertificate } from '../server/certificate-api.ts';
import { CertificateView } from './certificate-view.tsx';
import { RevokeForm } from './revoke-form.tsx';

/**
 * `/certificados/:code`, for anyone, signed in or not: the certificate's name, course, date and
 * whether it is valid or revoked; an unknown code is a 404. Administrators also get the form that
 * revokes it.
 */
export async function VerifyCertificatePage({ code, canRevoke }: { code: string; canRevoke: boolean }) {
  const { t, locale } = await getDictionary();
  let certificate: CertificateVerification;
  try {
    certificate = await verifyCertificate(code);
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    if (error.code === 'not_found') notFound();
    return (
      <Unavailable
        t={t}
        heading="h1"
        retryHref={`/certificados/${encodeURIComponent(code)}`}
        title={t.certificates.unavailableTitle}
        text={t.certificates.unavailableText}
      />
    );
  }
  return (
    <>
      <div className="page-intro">
        <h1>{t.certificates.verifyTitle}</h1>
        <p className="lead">{t.certificates.verifyIntro}</p>
      </div>
      <CertificateView certificate={certificate} t={t} locale={locale} />
      {canRevoke && certificate.status === 'valid' ? <RevokeForm code={certificate.code} /> : null}
    </>
  );
}
