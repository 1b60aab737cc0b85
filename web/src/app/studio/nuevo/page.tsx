import type { Metadata } from 'next';
import Link from 'next/link';
import { RequestForm } from '../../../features/studio/components/request-form.tsx';
import { generationOptions } from '../../../features/studio/server/generation-options.ts';
import { requireStaff } from '../../../features/studio/server/staff.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.request.title, robots: { index: false } };
}

export default async function RequestCoursePage() {
  await requireStaff('/studio/nuevo');
  const { t } = await getDictionary();
  return (
    <div className="container studio">
      <p className="studio__back">
        <Link href="/studio">{t.studio.run.back}</Link>
      </p>
      <h1>{t.studio.request.title}</h1>
      <p className="studio__intro">{t.studio.request.intro}</p>
      <RequestForm options={generationOptions()} />
    </div>
  );
}
