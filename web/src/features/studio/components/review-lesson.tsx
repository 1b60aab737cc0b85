import { directusPublicUrl } from '../../../env.ts';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import { renderMarkdown } from '../../../shared/markdown/render-markdown.ts';
import type { CourseReview } from '../server/course-review.ts';
import { ObjectivesEditor } from './course-details.tsx';
import { LessonEditor } from './lesson-editor.tsx';
import { LessonSection } from './lesson-sections.tsx';
import { QuestionEditor } from './question-editor.tsx';
import { RegeneratePanel } from './regenerate-panel.tsx';

/**
 * One lesson under review, folded to its title or open: its objectives and its text as students will
 * read it (editable), its quiz with the correct option and explanation of each question (editable),
 * both regenerable (a regeneration still to decide shows again), and its references.
 */
export function ReviewLesson({
  lesson,
  index,
  language,
  pending,
  t,
}: {
  lesson: NonNullable<CourseReview>['lessons'][number];
  index: number;
  language: string;
  /** Regenerations still to decide, by the id of the lesson or quiz they are for. */
  pending: ReadonlyMap<string, string>;
  t: Dictionary;
}) {
  const r = t.studio.review;
  const flagged = lesson.quiz?.questions.filter((q) => (q.check_flags?.length ?? 0) > 0).length ?? 0;
  return (
    <LessonSection lessonId={lesson.id} heading={`${index + 1}. ${lesson.title}`} lang={language}>
      <ObjectivesEditor lessonId={lesson.id} language={language} objectives={lesson.objectives} />
      {lesson.body ? (
        <LessonEditor
          // Drawn afresh when the text changed on the server (an accepted regeneration).
          key={lesson.lastEdit.at ?? ''}
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
      {lesson.body ? (
        <RegeneratePanel
          kind="lessons"
          targetId={lesson.id}
          lang={language}
          pendingRunId={pending.get(lesson.id) ?? null}
        />
      ) : null}
      <h3>{r.quiz}</h3>
      {lesson.quiz ? (
        <>
          {flagged > 0 ? <p className="review__flags">{t.studio.quizChecks.flagged(flagged)}</p> : null}
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
          <RegeneratePanel
            kind="quizzes"
            targetId={lesson.quiz.id}
            lang={language}
            pendingRunId={pending.get(lesson.quiz.id) ?? null}
          />
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
      {lesson.brokenReferences.length > 0 ? (
        <>
          <h4>{r.brokenReferences}</h4>
          <ul className="review__broken">
            {lesson.brokenReferences.map((ref) => (
              <li key={ref.url}>
                {ref.title} (<span className="review__url">{ref.url}</span>) — {r.brokenBecause(ref.reason)}
                {ref.since ? ` · ${r.brokenSince(ref.since.slice(0, 10))}` : ''}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </LessonSection>
  );
}
