import { isUuid } from '@aula/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { directusPublicUrl } from '../../../../env.ts';
import { LessonEditor } from '../../../../features/studio/components/lesson-editor.tsx';
import { QuestionEditor } from '../../../../features/studio/components/question-editor.tsx';
import { RegeneratePanel } from '../../../../features/studio/components/regenerate-panel.tsx';
import { type CourseReview, getCourseReview } from '../../../../features/studio/server/course-review.ts';
import { requireStaff } from '../../../../features/studio/server/staff.ts';
import { Unavailable } from '../../../../shared/components/unavailable.tsx';
import { DirectusError } from '../../../../shared/directus.ts';
import { getDictionary } from '../../../../shared/i18n/get-locale.ts';
import { renderMarkdown } from '../../../../shared/markdown/render-markdown.ts';

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
        <Link href="/studio/cursos">{t.studio.courses.title}</Link>
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
            <LessonEditor
              lessonId={lesson.id}
              language={course.language}
              body={lesson.body}
              html={renderMarkdown(lesson.body).html}
              lastEdit={lesson.lastEdit}
              dataStudioHref={`${directusPublicUrl}/admin/content/lessons/${lesson.id}`}
            />
          ) : (
            <p>{r.noText}</p>
          )}
          {lesson.body ? <RegeneratePanel kind="lessons" targetId={lesson.id} lang={course.language} /> : null}
          <h3>{r.quiz}</h3>
          {lesson.quiz ? (
            <>
              <ol className="review__questions" lang={course.language}>
                {lesson.quiz.questions.map((question) => (
                  <li key={question.id}>
                    <QuestionEditor
                      question={question}
                      dataStudioHref={`${directusPublicUrl}/admin/content/questions/${question.id}`}
                    />
                  </li>
                ))}
              </ol>
              <RegeneratePanel kind="quizzes" targetId={lesson.quiz.id} lang={course.language} />
            </>
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
