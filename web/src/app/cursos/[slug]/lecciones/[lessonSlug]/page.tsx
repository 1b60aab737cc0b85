import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import { after } from 'next/server';
import type { SearchParams } from '../../../../../features/catalogue/catalogue-filters.ts';
import { PUBLISHED_LESSON_HEADER } from '../../../../../features/catalogue/server/course-exists.ts';
import { getCourse } from '../../../../../features/catalogue/server/get-course.ts';
import { CompleteLesson } from '../../../../../features/learning/components/complete-lesson.tsx';
import { FurtherReading } from '../../../../../features/learning/components/further-reading.tsx';
import { LessonPager } from '../../../../../features/learning/components/lesson-pager.tsx';
import { Quiz } from '../../../../../features/learning/components/quiz.tsx';
import { ReadingProgress } from '../../../../../features/learning/components/reading-progress.tsx';
import { type LessonPage as Data, getLessonPage } from '../../../../../features/learning/server/get-lesson-page.ts';
import { recordLastLesson } from '../../../../../features/learning/server/record-last-lesson.ts';
import { TutorDock } from '../../../../../features/tutor/components/tutor-dock.tsx';
import { Breadcrumb } from '../../../../../shared/components/breadcrumb.tsx';
import { Unavailable } from '../../../../../shared/components/unavailable.tsx';
import { DirectusError } from '../../../../../shared/directus.ts';
import { clientIp } from '../../../../../shared/edge/client-ip.ts';
import { goTo } from '../../../../../shared/edge/redirect.ts';
import { formatDuration } from '../../../../../shared/format-duration.ts';
import { getDictionary } from '../../../../../shared/i18n/get-locale.ts';
import { CodeBlockTools } from '../../../../../shared/markdown/code-block-tools.tsx';
import { renderLesson } from '../../../../../shared/markdown/render-lesson.ts';
import { getAccessToken } from '../../../../../shared/session/session-store.ts';

type Props = { params: Promise<{ slug: string; lessonSlug: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, lessonSlug } = await params;
  const course = await getCourse({ slug }).catch(() => null);
  const lesson = course?.modules.flatMap((m) => m.lessons).find((l) => l.slug === lessonSlug);
  // For enrolled students only: never in search results, whatever the lesson.
  const robots = { index: false, follow: true };
  return lesson && course ? { title: `${lesson.title} · ${course.title}`, robots } : { robots };
}

/** A lesson, for enrolled students only: its text, its quiz, "mark as read", the way on, and the tutor. */
export default async function LessonPage({ params, searchParams }: Props) {
  const { slug, lessonSlug } = await params;
  const { inscrito } = await searchParams;
  const here = `/cursos/${slug}/lecciones/${lessonSlug}`;
  const coursePage = `/cursos/${slug}?aviso=inscribete`;
  const { t } = await getDictionary();
  const token = await getAccessToken();
  if (!token) goTo(coursePage);

  let data: Data;
  try {
    const publishedNow = (await headers()).get(PUBLISHED_LESSON_HEADER) === `${slug}/${lessonSlug}`;
    data = await getLessonPage({ token, slug, lessonSlug, publishedNow });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    if (error.code === 'unauthorized') goTo(`/entrar?${new URLSearchParams({ next: here, aviso: 'sesion' })}`);
    return (
      <Unavailable
        t={t}
        heading="h1"
        retryHref={here}
        title={t.lesson.unavailableTitle}
        text={t.lesson.unavailableText}
      />
    );
  }
  if (data.state === 'not-found') notFound();
  if (data.state === 'not-enrolled') goTo(coursePage);

  const { course, lesson, progress, quiz } = data;
  if (progress.lastLessonId !== lesson.id) {
    const forwardedFor = clientIp(await headers()) ?? null;
    after(() => recordLastLesson({ token, lessonId: lesson.id, forwardedFor }));
  }
  const { html, headings } = renderLesson(lesson.body);
  const sections = Object.fromEntries(headings.map((h) => [h.id, h.text]));
  const quizProgress = quiz ? progress.quizzes.find((q) => q.quizId === quiz.id) : undefined;
  const toc = headings.filter((h) => h.level === 2);

  return (
    <article className="lesson-page" aria-labelledby="lesson-title">
      <ReadingProgress targetId="lesson-body" label={t.lesson.readingProgress} />
      <Breadcrumb
        label={t.course.breadcrumb}
        crumbs={[
          { label: t.site.courses, href: '/' },
          { label: course.title, href: `/cursos/${course.slug}`, lang: course.language },
          { label: lesson.title, lang: course.language },
        ]}
      />
      {inscrito ? <p className="notice notice--info">{t.lesson.enrolledNow}</p> : null}
      <header className="lesson-page__header">
        <p className="module__eyebrow">
          {t.lesson.module(data.moduleIndex + 1)} · {t.lesson.position(data.position, data.total)}
          {lesson.minutes > 0 ? ` · ${formatDuration(lesson.minutes)}` : ''}
        </p>
        <h1 id="lesson-title" lang={course.language}>
          {lesson.title}
        </h1>
      </header>
      <div className="lesson-page__layout">
        {toc.length > 1 ? (
          <nav aria-labelledby="toc-title" className="toc">
            <h2 id="toc-title">{t.lesson.toc}</h2>
            <ol lang={course.language}>
              {toc.map((heading) => (
                <li key={heading.id}>
                  <a href={`#${heading.id}`}>{heading.text}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        <div className="lesson-page__main">
          {lesson.objectives.length > 0 ? (
            <div className="objectives">
              <p className="lesson__objectives-label">{t.lesson.objectives}</p>
              <ul lang={course.language}>
                {lesson.objectives.map((objective) => (
                  <li key={objective}>{objective}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {/* biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown sanitises it (no script, handler, style, iframe or foreign image survives). */}
          <div id="lesson-body" className="prose" lang={course.language} dangerouslySetInnerHTML={{ __html: html }} />
          <CodeBlockTools targetId="lesson-body" />
          <FurtherReading readings={lesson.readings} language={course.language} t={t} />
          {quiz ? (
            <Quiz
              quiz={quiz}
              language={course.language}
              path={here}
              sections={sections}
              summary={quizProgress ?? null}
              history={data.history}
            />
          ) : null}
          <CompleteLesson lessonId={lesson.id} path={here} done={progress.lessonsDone.includes(lesson.id)} />
          <LessonPager
            courseSlug={course.slug}
            previous={data.previous}
            next={data.next}
            language={course.language}
            t={t}
          />
        </div>
        <TutorDock lessonId={lesson.id} language={course.language} />
      </div>
    </article>
  );
}
