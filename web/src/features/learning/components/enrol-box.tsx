import Link from 'next/link';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import { type CourseDetail, lessonsInOrder } from '../../catalogue/server/get-course.ts';
import { continueLesson } from '../continue-lesson.ts';
import type { CourseProgress } from '../server/course-api.ts';
import type { Enrolment } from '../server/get-enrolment.ts';
import { EnrolButton } from './enrol-button.tsx';
import { ProgressSummary } from './progress-summary.tsx';

/** The course page's call to action: sign in, enrol, or see progress and continue. */
export function EnrolBox({ course, enrolment, t }: { course: CourseDetail; enrolment: Enrolment; t: Dictionary }) {
  const here = `/cursos/${course.slug}`;
  const lessons = lessonsInOrder(course);
  const back = new URLSearchParams({ next: here });
  return (
    <section aria-labelledby="enrol-title" className="enrol">
      <h2 id="enrol-title">{enrolment.state === 'enrolled' ? t.enrol.title : t.enrol.enrolTitle}</h2>
      {enrolment.state === 'signed-out' ? (
        <>
          <p>{t.enrol.signedOut}</p>
          <p className="enrol__actions">
            {/* A newcomer's way in comes first; someone with an account signs in. */}
            <Link href={`/registro?${back}`} className="button">
              {t.account.signUp}
            </Link>
            <Link href={`/entrar?${back}`} className="button button--secondary">
              {t.enrol.signInToEnrol}
            </Link>
          </p>
        </>
      ) : enrolment.state === 'unknown' ? (
        <p>{t.enrol.progressUnavailable}</p>
      ) : enrolment.state === 'not-enrolled' ? (
        <>
          <p>{t.enrol.notEnrolled}</p>
          <EnrolButton courseId={course.id} slug={course.slug} start={lessons[0]?.slug ?? null} />
        </>
      ) : (
        <>
          <p>{t.enrol.enrolled}</p>
          <ProgressSummary progress={enrolment.progress} t={t} label={t.enrol.title} />
          <ContinueLink course={course} progress={enrolment.progress} t={t} />
        </>
      )}
    </section>
  );
}

function ContinueLink({ course, progress, t }: { course: CourseDetail; progress: CourseProgress; t: Dictionary }) {
  const lesson = continueLesson(lessonsInOrder(course), progress);
  if (!lesson) return null;
  const started = progress.lessonsDone.length > 0 || progress.lastLessonId !== null;
  return (
    <p className="enrol__actions">
      <Link href={`/cursos/${course.slug}/lecciones/${lesson.slug}`} className="button">
        {started ? t.enrol.continue : t.enrol.start}
      </Link>
    </p>
  );
}
