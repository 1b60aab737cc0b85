import { isUuid } from '@aula/domain';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CourseAnalyticsView } from '../../../../../features/studio/components/analytics/course-analytics.tsx';
import { StudioPage } from '../../../../../features/studio/components/studio-page.tsx';
import { getCourseAnalytics } from '../../../../../features/studio/server/analytics-api.ts';
import { requireStaff } from '../../../../../features/studio/server/staff.ts';
import { Unavailable } from '../../../../../shared/components/unavailable.tsx';
import { DirectusError } from '../../../../../shared/directus.ts';
import { getDictionary } from '../../../../../shared/i18n/get-locale.ts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.analytics.title, robots: { index: false } };
}

/** A course's analytics for content managers and administrators (decision 019). */
export default async function CourseAnalyticsPage({ params }: Props) {
  const { id } = await params;
  const token = await requireStaff(`/studio/cursos/${id}/analitica`);
  if (!isUuid(id)) notFound();
  const { t } = await getDictionary();
  const x = t.studio.analytics;
  let analytics: Awaited<ReturnType<typeof getCourseAnalytics>>;
  try {
    analytics = await getCourseAnalytics({ token, courseId: id });
  } catch (error) {
    if (error instanceof DirectusError && error.code === 'not_found') notFound();
    if (!(error instanceof DirectusError)) throw error;
    return (
      <div className="container studio">
        <Unavailable t={t} heading="h1" retryHref={`/studio/cursos/${id}/analitica`} title={x.title} text={x.failed} />
      </div>
    );
  }
  return (
    <StudioPage
      className="analytics"
      back={{ href: `/studio/cursos/${id}`, label: x.back }}
      title={`${x.title}: ${analytics.title}`}
      intro={x.intro}
    >
      <nav aria-label={x.nav} className="studio__nav">
        <a href={`/studio/cursos/${id}/analitica`} aria-current="page">
          {x.nav}
        </a>
        <a href={`/studio/cursos/${id}/analitica/conversaciones`}>{x.conversations.nav}</a>
      </nav>
      <CourseAnalyticsView a={analytics} t={t} />
    </StudioPage>
  );
}
