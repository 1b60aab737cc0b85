import 'server-only';
import { isUuid } from '@aula/domain';
import { apiError } from '../../../shared/api-error.ts';
import { DirectusError } from '../../../shared/directus.ts';
import { absoluteUrl } from '../../../shared/edge/public-url.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { getAccessToken } from '../../../shared/session/session-store.ts';
import { certificatePdf } from '../certificate-pdf.ts';
import { issueCertificate } from './certificate-api.ts';

/** The holder's certificate as a PDF in their language; never cached outside their browser. */
export async function certificatePdfResponse(request: Request, courseId: string): Promise<Response> {
  const token = await getAccessToken();
  if (!token) return apiError('unauthorized', 'Sign in to download your certificate.');
  if (!isUuid(courseId)) return apiError('not_found', 'No such course.');
  const { t, locale } = await getDictionary();
  try {
    const certificate = await issueCertificate({ token, courseId });
    const verifyPath = `/certificados/${certificate.code}`;
    const bytes = await certificatePdf({
      holderName: certificate.holderName,
      courseTitle: certificate.courseTitle,
      date: new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(certificate.issuedAt)),
      code: certificate.code,
      verifyUrl: absoluteUrl(request.headers, verifyPath) ?? verifyPath,
      words: {
        heading: t.certificates.pdfTitle,
        certifies: t.certificates.certifies,
        completed: t.certificates.completed,
        on: t.certificates.on,
        code: t.certificates.code,
        verifyAt: t.certificates.verifyAt,
      },
    });
    return new Response(bytes as BodyInit, {
      headers: {
        'content-type': 'application/pdf',
        'content-disposition': `attachment; filename="certificado-${certificate.code}.pdf"`,
        'cache-control': 'private, no-store',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    const code =
      error.code === 'not_found' || error.code === 'conflict' || error.code === 'unauthorized'
        ? error.code
        : 'unavailable';
    return apiError(code, code === 'conflict' ? 'Finish the course first.' : 'The certificate cannot be made now.');
  }
}
