import { isUuid } from '@aula/domain';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ReviewLesson } from '../../../../features/studio/components/review-lesson.tsx';
import { StudioPage } from '../../../../features/studio/components/studio-page.tsx';
import { type CourseReview, getCourseReview } from '../../../../features/studio/server/course-review.ts';
import { requireStaff } from '../../../../features/studio/server/staff.ts';
import { Unavailable } from '../../../../shared/components/unavailable.tsx';
import { DirectusError } from '../../../../shared/directus.ts';
import { getDictionary } from '../../../../shared/i18n/get-locale.ts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.review.title, robots: { index: false } };
}

/**
 * A course for review, drafts too: each lesson as students will read it (the same sanitised Markdown),
 * its quiz with the correct option and the explanation of each question, and its references.
 */
export default async function CourseReviewPage({ params }: Props) {
  const { id } = await params;
  const token = await requireStaff(`/studio/cursos/${id}`);
  if (!isUuid(id)) notFound();
  const { t } = await getDictionary();
  const r = t.studio.review;
  let course: CourseReview | null;
  try {
    course = await getCourseReview({ token, courseId: id });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return (
      <div className="container studio">
        <Unavailable t={t} heading="h1" retryHref={`/studio/cursos/${id}`} title={r.title} text={r.failed} />
      </div>
    );
  }
  if (!course) notFound();
  return (
    <StudioPage
      className="review"
      back={{ href: '/studio/cursos', label: t.studio.courses.title }}
      title={course.title}
      titleLang={course.language}
    >
      <p>
        {r.status}: <span className={`run-status run-status--${course.status}`}>{r.statuses[course.status]}</span>
      </p>
      {course.lessons.length === 0 ? <p>{r.noLessons}</p> : null}
      <nav aria-label={r.lessons}>
        <ol>
          {course.lessons.map((lesson) => (
            <li key={lesson.id} lang={course.language}>
              <a href={`#leccion-${lesson.id}`}>{lesson.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {course.lessons.map((lesson, index) => (
        <ReviewLesson key={lesson.id} lesson={lesson} index={index} language={course.language} t={t} />
      ))}
    </StudioPage>
  );
}
