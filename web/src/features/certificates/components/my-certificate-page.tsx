import { isUuid } from '@aula/domain';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Unavailable } from '../../../shared/components/unavailable.tsx';
import { DirectusError } from '../../../shared/directus.ts';
import { goTo } from '../../../shared/edge/redirect.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { requireAccessToken } from '../../../shared/session/session-store.ts';
import { type Certificate, issueCertificate } from '../server/certificate-api.ts';
import { CertificateView } from './certificate-view.tsx';

/**
 * The student's certificate for a course they completed: the course API issues it the first time
 * (and hands back the same one after), the page shows it with the PDF and the public address that
 * verifies it.
 */
export async function MyCertificatePage({ courseId }: { courseId: string }) {
  const back = `/mis-cursos/certificado/${courseId}`;
  const token = await requireAccessToken(back);
  if (!isUuid(courseId)) notFound();
  const { t, locale } = await getDictionary();
  let certificate: Certificate;
  try {
    certificate = await issueCertificate({ token, courseId });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    if (error.code === 'unauthorized') goTo(`/entrar?${new URLSearchParams({ next: back, aviso: 'sesion' })}`);
    if (error.code === 'not_found') notFound();
    if (error.code === 'conflict')
      return (
        <div className="page-intro">
          <h1>{t.certificates.title}</h1>
          <p className="notice notice--info">
            {/name/i.test(error.message) ? t.certificates.noName : t.certificates.notFinished}
          </p>
          <p>
            <Link href="/mis-cursos">{t.myCourses.title}</Link>
          </p>
        </div>
      );
    return (
      <Unavailable
        t={t}
        heading="h1"
        retryHref={back}
        title={t.certificates.unavailableTitle}
        text={t.certificates.unavailableText}
      />
    );
  }
  const verifyPath = `/certificados/${certificate.code}`;
  return (
    <>
      <div className="page-intro">
        <h1>{t.certificates.heading}</h1>
        <p className="lead">{t.certificates.intro}</p>
      </div>
      <CertificateView certificate={certificate} t={t} locale={locale} />
      <p className="certificate__actions">
        <a href={`${back}/pdf`} className="button" download={`certificado-${certificate.code}.pdf`}>
          {t.certificates.download}
        </a>{' '}
        {t.certificates.verifyAt} <Link href={verifyPath}>{verifyPath}</Link>
      </p>
    </>
  );
}
