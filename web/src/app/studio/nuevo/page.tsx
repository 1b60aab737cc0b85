import type { Metadata } from 'next';
import { RequestForm } from '../../../features/studio/components/request-form.tsx';
import { StudioPage } from '../../../features/studio/components/studio-page.tsx';
import { generationOptions } from '../../../features/studio/server/generation-options.ts';
import { requireStaff } from '../../../features/studio/server/staff.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.request.title, robots: { index: false } };
}

export default async function RequestCoursePage() {
  const token = await requireStaff('/studio/nuevo');
  const { t } = await getDictionary();
  return (
    <StudioPage
      back={{ href: '/studio', label: t.studio.run.back }}
      title={t.studio.request.title}
      intro={t.studio.request.intro}
    >
      <RequestForm options={await generationOptions(token)} />
    </StudioPage>
  );
}
