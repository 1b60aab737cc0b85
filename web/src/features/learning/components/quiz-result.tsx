import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { InlineCode } from '../../../shared/markdown/inline-code.tsx';
import type { QuizAttemptResult } from '../server/course-api.ts';
import type { Quiz } from '../server/get-quiz.ts';

/**
 * Each question after marking: right or wrong, the answer given and the section to review always; the
 * correct answer and the explanation only when the quiz's policy shows the key (the API sends them then).
 */
export function QuizResult({
  quiz,
  result,
  language,
  sections,
}: {
  quiz: Quiz;
  result: QuizAttemptResult;
  language: string;
  sections: Record<string, string>;
}) {
  const { t } = useDictionary();
  return (
    <ol className="quiz-results">
      {result.results.map((item, index) => {
        const question = quiz.questions.find((q) => q.id === item.questionId) ?? quiz.questions[index];
        const chosen = item.chosen === null ? undefined : question?.options[item.chosen];
        // Sent by the API only when the quiz's policy shows the key (decision 011).
        const right = item.correctOption === null ? undefined : question?.options[item.correctOption];
        const section = item.lessonSection && sections[item.lessonSection] !== undefined ? item.lessonSection : null;
        return (
          <li
            key={item.questionId}
            className={item.correct ? 'quiz-result quiz-result--correct' : 'quiz-result quiz-result--wrong'}
          >
            <p className="quiz-result__prompt" lang={language}>
              <InlineCode text={item.prompt} />
            </p>
            <p className="quiz-result__verdict">
              <span className="quiz-result__mark" aria-hidden="true">
                {item.correct ? '✓' : '✗'}
              </span>
              <strong>{item.correct ? t.quiz.correct : t.quiz.incorrect}</strong>
            </p>
            <p>
              {t.quiz.yourAnswer}{' '}
              {chosen === undefined ? (
                t.quiz.noAnswer
              ) : (
                <span lang={language}>
                  <InlineCode text={chosen} />
                </span>
              )}
            </p>
            {!item.correct && right !== undefined ? (
              <p className="quiz-result__key">
                <span className="quiz-result__mark" aria-hidden="true">
                  ✓
                </span>
                <strong>{t.quiz.correctAnswer}</strong>{' '}
                <span lang={language}>
                  <InlineCode text={right} />
                </span>
              </p>
            ) : null}
            {item.explanation ? (
              <p className="quiz-result__explanation" lang={language}>
                <InlineCode text={item.explanation} />
              </p>
            ) : null}
            {section ? (
              <p>
                <a href={`#${section}`}>
                  {t.quiz.review}: <span lang={language}>{sections[section]}</span>
                </a>
              </p>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
