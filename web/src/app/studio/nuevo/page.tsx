import { isUuid } from '@aula/domain';
import type { Metadata } from 'next';
import { RequestForm } from '../../../features/studio/components/request-form.tsx';
import { StudioPage } from '../../../features/studio/components/studio-page.tsx';
import { requestValuesOf } from '../../../features/studio/course-request-form.ts';
import { generationOptions } from '../../../features/studio/server/generation-options.ts';
import { requireStaff } from '../../../features/studio/server/staff.ts';
import { getRun } from '../../../features/studio/server/studio-api.ts';
import { DirectusError } from '../../../shared/directus.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.request.title, robots: { index: false } };
}

/** The course request; `?desde=<run id>` fills it with that run's request ("Edit the request" of a failed run). */
export default async function RequestCoursePage({ searchParams }: Props) {
  const from = (await searchParams).desde;
  const token = await requireStaff(typeof from === 'string' ? `/studio/nuevo?desde=${from}` : '/studio/nuevo');
  const { t } = await getDictionary();
  let initial: ReturnType<typeof requestValuesOf> | undefined;
  if (typeof from === 'string' && isUuid(from)) {
    try {
      initial = requestValuesOf((await getRun({ token, runId: from })).request);
    } catch (error) {
      // A run that is gone (or not readable) leaves an empty form.
      if (!(error instanceof DirectusError)) throw error;
    }
  }
  return (
    <StudioPage
      back={{
        href: typeof from === 'string' && initial ? `/studio/runs/${from}` : '/studio',
        label: t.studio.run.back,
      }}
      title={t.studio.request.title}
      intro={initial ? t.studio.flow.editRequestIntro : t.studio.request.intro}
    >
      <RequestForm options={await generationOptions(token)} initial={initial} />
    </StudioPage>
  );
}
