import type { Metadata } from 'next';
import { MyCertificatePage } from '../../../../features/certificates/components/my-certificate-page.tsx';
import { getDictionary } from '../../../../shared/i18n/get-locale.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.certificates.title, robots: { index: false } };
}

export default async function Page({ params }: { params: Promise<{ courseId: string }> }) {
  const { courseId } = await params;
  return <MyCertificatePage courseId={courseId} />;
}
