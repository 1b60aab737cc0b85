import { isUuid } from '@aula/domain';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CoverEditor } from '../../../../features/covers/components/cover-editor.tsx';
import { getStudioCover } from '../../../../features/covers/server/studio-cover.ts';
import { CourseDetails } from '../../../../features/studio/components/course-details.tsx';
import { LessonSections, OpenAll } from '../../../../features/studio/components/lesson-sections.tsx';
import { PublishBar } from '../../../../features/studio/components/publish-bar.tsx';
import { ReviewLesson } from '../../../../features/studio/components/review-lesson.tsx';
import { StudioPage } from '../../../../features/studio/components/studio-page.tsx';
import { type CourseReview, getCourseReview, getCourseRuns } from '../../../../features/studio/server/course-review.ts';
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

/** Up to this many lessons the review opens them all; a longer course opens the first one only. */
const OPEN_ALL_UP_TO = 3;

/**
 * A course for review, drafts too: the publish bar (publish or take out, each after a question), the
 * way back to its run, the lesson list (beside the lessons on a wide screen, a jump menu on a phone),
 * the course's title and summary (editable), then each lesson, folded or open: its objectives, its
 * text as students will read it, its quiz with the correct option and explanation, its references.
 */
export default async function CourseReviewPage({ params }: Props) {
  const { id } = await params;
  const token = await requireStaff(`/studio/cursos/${id}`);
  if (!isUuid(id)) notFound();
  const { t } = await getDictionary();
  const r = t.studio.review;
  const f = t.studio.flow;
  let course: CourseReview | null;
  let runs: Awaited<ReturnType<typeof getCourseRuns>>;
  let cover: Awaited<ReturnType<typeof getStudioCover>>;
  try {
    [course, runs, cover] = await Promise.all([
      getCourseReview({ token, courseId: id }),
      getCourseRuns({ token, courseId: id }),
      getStudioCover({ token, courseId: id }),
    ]);
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return (
      <div className="container studio">
        <Unavailable t={t} heading="h1" retryHref={`/studio/cursos/${id}`} title={r.title} text={r.failed} />
      </div>
    );
  }
  if (!course) notFound();
  const lessonIds = course.lessons.map((lesson) => lesson.id);
  const waiting = course.lessons
    .filter((lesson) => runs.pending.has(lesson.id) || (lesson.quiz && runs.pending.has(lesson.quiz.id)))
    .map((lesson) => lesson.id);
  const initiallyOpen =
    course.lessons.length <= OPEN_ALL_UP_TO ? lessonIds : [...new Set([...lessonIds.slice(0, 1), ...waiting])];
  const lessonLinks = (
    <ol>
      {course.lessons.map((lesson, index) => (
        <li key={lesson.id} lang={course.language}>
          <a href={`#leccion-${lesson.id}`}>{`${index + 1}. ${lesson.title}`}</a>
        </li>
      ))}
    </ol>
  );
  return (
    <StudioPage
      className="review"
      back={{ href: '/studio/cursos', label: t.studio.courses.title }}
      title={course.title}
      titleLang={course.language}
      subtitle={runs.courseRun?.topic ? <Topic label={f.topic} topic={runs.courseRun.topic} /> : null}
    >
      <div className="review__layout">
        <aside className="review__aside">
          <PublishBar courseId={course.id} title={course.title} initial={course.status} />
          <p className="review__run">
            <a href={`/studio/cursos/${course.id}/analitica`}>{t.studio.analytics.nav}</a>
          </p>
          {runs.courseRun ? (
            <p className="review__run">
              <a href={`/studio/runs/${runs.courseRun.id}`}>{f.backToRun}</a>
            </p>
          ) : null}
          {course.lessons.length > 0 ? (
            <nav aria-label={r.lessons} className="review__toc">
              <h2>{f.lessonsCount(course.lessons.length)}</h2>
              {lessonLinks}
            </nav>
          ) : null}
        </aside>
        <div className="review__main">
          {course.lessons.length > 0 ? (
            <details className="review__jump">
              <summary>{f.jumpTo}</summary>
              <nav aria-label={f.jumpTo}>{lessonLinks}</nav>
            </details>
          ) : null}
          <CourseDetails
            courseId={course.id}
            language={course.language}
            title={course.title}
            summary={course.summary}
            lastEdit={course.lastEdit}
          />
          {cover ? <CoverEditor initial={cover} /> : null}
          {course.lessons.length === 0 ? <p>{r.noLessons}</p> : null}
          <LessonSections ids={lessonIds} initiallyOpen={initiallyOpen}>
            {course.lessons.length > OPEN_ALL_UP_TO ? <OpenAll /> : null}
            {course.lessons.map((lesson, index) => (
              <ReviewLesson
                key={lesson.id}
                lesson={lesson}
                index={index}
                language={course.language}
                pending={runs.pending}
                t={t}
              />
            ))}
          </LessonSections>
        </div>
      </div>
    </StudioPage>
  );
}

/** The topic the course was requested as, kept beside the title the outline gave it. */
function Topic({ label, topic }: { label: string; topic: string }) {
  return (
    <p className="studio__topic">
      {label}: <q>{topic}</q>
    </p>
  );
}
