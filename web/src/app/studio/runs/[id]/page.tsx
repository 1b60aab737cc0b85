import { type CourseStatus, isUuid } from '@aula/domain';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RunProgress } from '../../../../features/studio/components/run-progress.tsx';
import { StudioPage } from '../../../../features/studio/components/studio-page.tsx';
import { requireStaff } from '../../../../features/studio/server/staff.ts';
import { getCourseSummary, getRun, requestedTopic } from '../../../../features/studio/server/studio-api.ts';
import { DirectusError } from '../../../../shared/directus.ts';
import { getDictionary } from '../../../../shared/i18n/get-locale.ts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.runsTitle, robots: { index: false } };
}

/** One run, drawn on the server as it stands (with its course's title and status), then kept current by RunProgress. */
export default async function RunPage({ params }: Props) {
  const { id } = await params;
  const token = await requireStaff(`/studio/runs/${id}`);
  if (!isUuid(id)) notFound();
  const { t } = await getDictionary();
  let run: Awaited<ReturnType<typeof getRun>>;
  let course: { title: string; status: CourseStatus } | null;
  try {
    run = await getRun({ token, runId: id });
    course = run.courseId ? await getCourseSummary({ token, courseId: run.courseId }) : null;
  } catch (error) {
    if (error instanceof DirectusError && error.code === 'not_found') notFound();
    throw error;
  }
  const topic = (run.request?.kind ?? 'course') === 'course' ? requestedTopic(run.request) : null;
  const title = course?.title ?? t.studio.run.untitled;
  return (
    <StudioPage
      back={{ href: '/studio', label: t.studio.run.back }}
      title={t.studio.run.title(title)}
      subtitle={
        topic && topic !== title ? (
          <p className="studio__topic">
            {t.studio.flow.topic}: <q>{topic}</q>
          </p>
        ) : null
      }
    >
      <RunProgress initial={run} courseStatus={course?.status ?? null} />
    </StudioPage>
  );
}
