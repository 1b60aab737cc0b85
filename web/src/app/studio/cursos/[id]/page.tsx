import { isUuid } from '@aula/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Unavailable } from '../../../../components/unavailable.tsx';
import { getDictionary } from '../../../../i18n/get-locale.ts';
import { DirectusError } from '../../../../lib/directus.ts';
import { renderMarkdown } from '../../../../lib/render-markdown.ts';
import { type CourseReview, getCourseReview } from '../../../../lib/studio/course-review.ts';
import { requireStaff } from '../../../../lib/studio/staff.ts';

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
    <div className="container studio review">
      <p className="studio__back">
        <Link href="/studio">{t.studio.run.back}</Link>
      </p>
      <h1 lang={course.language}>{course.title}</h1>
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
        <section
          key={lesson.id}
          id={`leccion-${lesson.id}`}
          className="review__lesson"
          aria-labelledby={`t-${lesson.id}`}
        >
          <h2 id={`t-${lesson.id}`} lang={course.language}>
            {index + 1}. {lesson.title}
          </h2>
          {lesson.body ? (
            <div
              className="prose"
              lang={course.language}
              // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown sanitises it, as for students.
              dangerouslySetInnerHTML={{ __html: renderMarkdown(lesson.body).html }}
            />
          ) : (
            <p>{r.noText}</p>
          )}
          <h3>{r.quiz}</h3>
          {lesson.quiz ? (
            <ol className="review__questions" lang={course.language}>
              {lesson.quiz.questions.map((question) => (
                <li key={question.id}>
                  <p>{question.prompt}</p>
                  <ol type="A">
                    {question.options.map((option, o) => (
                      <li key={option} className={o === question.correct_option ? 'review__correct' : undefined}>
                        {option}
                        {o === question.correct_option ? <strong> ({r.correct})</strong> : null}
                      </li>
                    ))}
                  </ol>
                  {question.explanation ? (
                    <p>
                      <em>{r.explanation}:</em> {question.explanation}
                    </p>
                  ) : null}
                </li>
              ))}
            </ol>
          ) : (
            <p>{r.noQuiz}</p>
          )}
          <h3>{r.references}</h3>
          {lesson.references.length > 0 ? (
            <ul>
              {lesson.references.map((ref) => (
                <li key={ref.url}>
                  <a href={ref.url} rel="noopener noreferrer nofollow" target="_blank">
                    {ref.title}
                  </a>
                  {ref.snippet ? ` — ${ref.snippet}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>{r.noReferences}</p>
          )}
        </section>
      ))}
    </div>
  );
}
