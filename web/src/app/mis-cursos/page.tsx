import type { Metadata } from 'next';
import Link from 'next/link';
import { ProgressSummary } from '../../components/progress-summary.tsx';
import { Unavailable } from '../../components/unavailable.tsx';
import { getDictionary } from '../../i18n/get-locale.ts';
import { continueLesson } from '../../lib/continue-lesson.ts';
import { type CourseProgress, getMyProgress } from '../../lib/course-api.ts';
import { DirectusError } from '../../lib/directus.ts';
import { getCourse, lessonsInOrder } from '../../lib/get-course.ts';
import { goTo } from '../../lib/redirect.ts';
import { requireAccessToken } from '../../lib/session-store.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.myCourses.title, robots: { index: false } };
}

type Row = { progress: CourseProgress; continueHref: string | null; started: boolean };

/** Where the continue button of a course goes: the lesson to pick up, from the course's outline. */
async function withContinue(progress: CourseProgress): Promise<Row> {
  const course = await getCourse({ slug: progress.slug }).catch(() => null);
  const lesson = course ? continueLesson(lessonsInOrder(course), progress) : null;
  return {
    progress,
    continueHref: lesson ? `/cursos/${progress.slug}/lecciones/${lesson.slug}` : null,
    started: progress.lessonsDone.length > 0 || progress.lastLessonId !== null,
  };
}

/** The signed-in student's courses (and only theirs: the course API answers for the token's owner). */
export default async function MyCoursesPage() {
  const token = await requireAccessToken('/mis-cursos');
  const { t } = await getDictionary();
  let rows: Row[];
  try {
    rows = await Promise.all((await getMyProgress({ token })).map(withContinue));
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    if (error.code === 'unauthorized') goTo(`/entrar?${new URLSearchParams({ next: '/mis-cursos', aviso: 'sesion' })}`);
    return (
      <Unavailable
        t={t}
        heading="h1"
        retryHref="/mis-cursos"
        title={t.myCourses.unavailableTitle}
        text={t.myCourses.unavailableText}
      />
    );
  }

  return (
    <>
      <div className="page-intro">
        <h1>{t.myCourses.title}</h1>
        <p className="lead">{t.myCourses.intro}</p>
      </div>
      {rows.length === 0 ? (
        <div className="empty">
          <p className="empty__title">{t.myCourses.empty}</p>
          <p>{t.myCourses.emptyHint}</p>
          <p>
            <Link href="/" className="button">
              {t.myCourses.browse}
            </Link>
          </p>
        </div>
      ) : (
        <ul className="my-courses">
          {rows.map(({ progress, continueHref, started }) => (
            <li key={progress.courseId} className="my-course">
              <h2 lang={progress.language}>
                <Link href={`/cursos/${progress.slug}`}>{progress.title}</Link>
              </h2>
              <ProgressSummary progress={progress} t={t} label={progress.title} />
              {continueHref ? (
                <Link href={continueHref} className="button">
                  {started ? t.myCourses.continue : t.myCourses.start}
                  <span className="sr-only" lang={progress.language}>
                    {` ${progress.title}`}
                  </span>
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
