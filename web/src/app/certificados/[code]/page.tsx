import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { adminAccess } from '../../../features/admin/server/admin-access.ts';
import { VerifyCertificatePage } from '../../../features/certificates/components/verify-certificate-page.tsx';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { getAccessToken } from '../../../shared/session/session-store.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.certificates.verifyTitle, robots: { index: false } };
}

/** Anyone verifies a certificate by its code; an administrator may revoke it here. */
export default async function Page({ params }: { params: Promise<{ code: string }> }) {
  const { code } = await params;
  // A malformed escape (`/certificados/%25`) names no certificate: a 404, not an error page.
  const decoded = safeDecode(code);
  if (decoded === null) notFound();
  const token = await getAccessToken();
  const canRevoke = token ? (await adminAccess(token).catch(() => ({ admin: false }))).admin : false;
  return <VerifyCertificatePage code={decoded} canRevoke={canRevoke} />;
}

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}
