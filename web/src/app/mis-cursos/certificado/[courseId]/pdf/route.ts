import { certificatePdfResponse } from '../../../../../features/certificates/server/certificate-pdf-response.ts';

export const dynamic = 'force-dynamic';

/** `GET /mis-cursos/certificado/:courseId/pdf`: the signed-in holder's certificate as a PDF. */
export async function GET(request: Request, { params }: { params: Promise<{ courseId: string }> }) {
  return certificatePdfResponse(request, (await params).courseId);
}
