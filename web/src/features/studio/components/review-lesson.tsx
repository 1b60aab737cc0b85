import { directusPublicUrl } from '../../../env.ts';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import { renderMarkdown } from '../../../shared/markdown/render-markdown.ts';
import type { CourseReview } from '../server/course-review.ts';
import { LessonEditor } from './lesson-editor.tsx';
import { QuestionEditor } from './question-editor.tsx';
import { RegeneratePanel } from './regenerate-panel.tsx';

/**
 * One lesson under review: its text as students will read it (editable), its quiz with the correct
 * option and explanation of each question (editable), both regenerable, and its references.
 */
export function ReviewLesson({
  lesson,
  index,
  language,
  t,
}: {
  lesson: NonNullable<CourseReview>['lessons'][number];
  index: number;
  language: string;
  t: Dictionary;
}) {
  const r = t.studio.review;
  return (
    <section key={lesson.id} id={`leccion-${lesson.id}`} className="review__lesson" aria-labelledby={`t-${lesson.id}`}>
      <h2 id={`t-${lesson.id}`} lang={language}>
        {index + 1}. {lesson.title}
      </h2>
      {lesson.body ? (
        <LessonEditor
          lessonId={lesson.id}
          language={language}
          body={lesson.body}
          html={renderMarkdown(lesson.body).html}
          lastEdit={lesson.lastEdit}
          dataStudioHref={`${directusPublicUrl}/admin/content/lessons/${lesson.id}`}
        />
      ) : (
        <p>{r.noText}</p>
      )}
      {lesson.body ? <RegeneratePanel kind="lessons" targetId={lesson.id} lang={language} /> : null}
      <h3>{r.quiz}</h3>
      {lesson.quiz ? (
        <>
          <ol className="review__questions" lang={language}>
            {lesson.quiz.questions.map((question) => (
              <li key={question.id}>
                <QuestionEditor
                  question={question}
                  dataStudioHref={`${directusPublicUrl}/admin/content/questions/${question.id}`}
                />
              </li>
            ))}
          </ol>
          <RegeneratePanel kind="quizzes" targetId={lesson.quiz.id} lang={language} />
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
  );
}
