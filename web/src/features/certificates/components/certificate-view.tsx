import type { CertificateVerification } from '@aula/domain';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';

/** Name, course, date, code and status of a certificate: all that anyone is shown about its holder. */
export function CertificateView({
  certificate,
  t,
  locale,
}: {
  certificate: CertificateVerification;
  t: Dictionary;
  locale: string;
}) {
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
  const revoked = certificate.status === 'revoked';
  return (
    <div className={revoked ? 'certificate certificate--revoked' : 'certificate'}>
      {revoked ? (
        <p className="notice notice--warning" role="note">
          {t.certificates.revokedOn(date.format(new Date(certificate.revokedAt ?? certificate.issuedAt)))}
        </p>
      ) : null}
      <dl className="certificate__facts">
        <dt>{t.certificates.holder}</dt>
        <dd className="certificate__name">{certificate.holderName}</dd>
        <dt>{t.certificates.course}</dt>
        <dd lang={certificate.courseLanguage}>{certificate.courseTitle}</dd>
        <dt>{t.certificates.date}</dt>
        <dd>
          <time dateTime={certificate.issuedAt}>{date.format(new Date(certificate.issuedAt))}</time>
        </dd>
        <dt>{t.certificates.code}</dt>
        <dd>
          <code>{certificate.code}</code>
        </dd>
        <dt>{t.certificates.status}</dt>
        <dd className={revoked ? 'certificate__status--revoked' : 'certificate__status--valid'}>
          {revoked ? t.certificates.revoked : t.certificates.valid}
        </dd>
      </dl>
    </div>
  );
}
