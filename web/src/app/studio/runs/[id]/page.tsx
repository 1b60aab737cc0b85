import { isUuid } from '@aula/domain';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RunProgress } from '../../../../features/studio/components/run-progress.tsx';
import { StudioPage } from '../../../../features/studio/components/studio-page.tsx';
import { requireStaff } from '../../../../features/studio/server/staff.ts';
import { getCourseTitle, getRun } from '../../../../features/studio/server/studio-api.ts';
import { DirectusError } from '../../../../shared/directus.ts';
import { getDictionary } from '../../../../shared/i18n/get-locale.ts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.runsTitle, robots: { index: false } };
}

/** One run, drawn on the server as it stands, then kept current by RunProgress. */
export default async function RunPage({ params }: Props) {
  const { id } = await params;
  const token = await requireStaff(`/studio/runs/${id}`);
  if (!isUuid(id)) notFound();
  const { t } = await getDictionary();
  let run: Awaited<ReturnType<typeof getRun>>;
  let title: string;
  try {
    run = await getRun({ token, runId: id });
    title = run.courseId ? await getCourseTitle({ token, courseId: run.courseId }) : t.studio.run.untitled;
  } catch (error) {
    if (error instanceof DirectusError && error.code === 'not_found') notFound();
    throw error;
  }
  return (
    <StudioPage back={{ href: '/studio', label: t.studio.run.back }} title={t.studio.run.title(title)}>
      <RunProgress initial={run} />
    </StudioPage>
  );
}
