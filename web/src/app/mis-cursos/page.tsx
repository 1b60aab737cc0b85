import type { Metadata } from 'next';
import Link from 'next/link';
import { getCourse, lessonsInOrder } from '../../features/catalogue/server/get-course.ts';
import { ChatLinks } from '../../features/channels/components/chat-links.tsx';
import { listChannelLinks } from '../../features/channels/server/channels-api.ts';
import { CourseCover } from '../../features/covers/components/course-cover.tsx';
import { ProgressSummary } from '../../features/learning/components/progress-summary.tsx';
import { continueLesson } from '../../features/learning/continue-lesson.ts';
import { type CourseProgress, getMyProgress } from '../../features/learning/server/course-api.ts';
import { getReviewQueue } from '../../features/learning/server/review-api.ts';
import { Unavailable } from '../../shared/components/unavailable.tsx';
import { DirectusError } from '../../shared/directus.ts';
import { goTo } from '../../shared/edge/redirect.ts';
import { getDictionary } from '../../shared/i18n/get-locale.ts';
import { requireAccessToken } from '../../shared/session/session-store.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.myCourses.title, robots: { index: false } };
}

type Row = { progress: CourseProgress; continueHref: string | null; started: boolean; cover: string | null };

/** Where the continue button of a course goes: the lesson to pick up, from the course's outline. */
async function withContinue(progress: CourseProgress): Promise<Row> {
  const course = await getCourse({ slug: progress.slug }).catch(() => null);
  const lesson = course ? continueLesson(lessonsInOrder(course), progress) : null;
  return {
    progress,
    continueHref: lesson ? `/cursos/${progress.slug}/lecciones/${lesson.slug}` : null,
    started: progress.lessonsDone.length > 0 || progress.lastLessonId !== null,
    cover: course?.cover ?? null,
  };
}

/** The signed-in student's courses (and only theirs: the course API answers for the token's owner). */
export default async function MyCoursesPage() {
  const token = await requireAccessToken('/mis-cursos');
  const { t } = await getDictionary();
  let rows: Row[];
  // The review's count is a bonus: the page stands without it.
  const review = getReviewQueue({ token, limit: 1 }).catch(() => null);
  // The chat channels are an extra: when they cannot be read, the page shows the courses without them.
  const chat = listChannelLinks({ token }).catch(() => null);
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

  const dueCount = (await review)?.dueCount ?? null;
  const channels = await chat;
  return (
    <>
      <div className="page-intro">
        <h1>{t.myCourses.title}</h1>
        <p className="lead">{t.myCourses.intro}</p>
        {dueCount !== null && rows.length > 0 ? (
          <p>
            <Link href="/repaso" className="button button--secondary">
              {t.review.myCoursesLink(dueCount)}
            </Link>
          </p>
        ) : null}
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
          {rows.map(({ progress, continueHref, started, cover }) => (
            <li key={progress.courseId} className="my-course">
              <CourseCover course={{ ...progress, cover }} t={t} width={320} sizes="(min-width: 40rem) 12rem, 92vw" />
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
              {progress.status === 'completed' ? (
                <Link href={`/mis-cursos/certificado/${progress.courseId}`} className="button button--secondary">
                  {t.certificates.get}
                  <span className="sr-only" lang={progress.language}>
                    {` ${progress.title}`}
                  </span>
                </Link>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {channels?.enabled ? <ChatLinks links={channels.links} /> : null}
    </>
  );
}
