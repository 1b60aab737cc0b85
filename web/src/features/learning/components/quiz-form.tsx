'use client';
import type { RefObject } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { InlineCode } from '../../../shared/markdown/inline-code.tsx';
import type { Quiz } from '../server/get-quiz.ts';
import type { QuizState } from '../server/lesson-actions.ts';

type Props = {
  quiz: Quiz;
  language: string;
  path: string;
  state: QuizState;
  action: (form: FormData) => void;
  /** Called as the form is sent (before the action), to remember the options chosen. */
  onSubmit: () => void;
  pending: boolean;
  /** A new round is a new, empty form. */
  round: number;
  missing: Set<number>;
  formRef: RefObject<HTMLFormElement | null>;
  messageRef: RefObject<HTMLParagraphElement | null>;
  /** The quiz was refused for too many requests more times than it sends itself again. */
  gaveUp: boolean;
};

/** The quiz's form: one radio group per question, an unanswered one marked after a refused submission. */
export function QuizForm({
  quiz,
  language,
  path,
  state,
  action,
  onSubmit,
  pending,
  round,
  missing,
  formRef,
  messageRef,
  gaveUp,
}: Props) {
  const { t } = useDictionary();
  const count = quiz.questions.length;
  return (
    <form key={round} ref={formRef} action={action} onSubmit={onSubmit} className="quiz__form" noValidate>
      <input type="hidden" name="quizId" value={quiz.id} />
      <input type="hidden" name="count" value={count} />
      <input type="hidden" name="path" value={path} />
      <ol className="quiz__questions">
        {quiz.questions.map((question, index) => {
          const wrong = missing.has(index) && state.attempt !== undefined;
          return (
            <li key={question.id}>
              <fieldset
                className={wrong ? 'question question--missing' : 'question'}
                aria-describedby={wrong ? `question-${index}-problem` : undefined}
              >
                <legend>
                  <span className="question__number">{t.quiz.question(index + 1, count)}</span>
                  <span lang={language} className="question__prompt">
                    <InlineCode text={question.prompt} />
                  </span>
                </legend>
                {wrong ? (
                  <p id={`question-${index}-problem`} className="field__problem">
                    {t.quiz.chooseOne}
                  </p>
                ) : null}
                {question.options.map((option, optionIndex) => (
                  <label key={option} className="option">
                    <input type="radio" name={`answer-${index}`} value={optionIndex} required />
                    <span lang={language}>
                      <InlineCode text={option} />
                    </span>
                  </label>
                ))}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {state.message && !state.result ? (
        // Too busy (429): a calm status while the form sends itself again, an alert once it gave up.
        <p
          ref={messageRef}
          role={state.retryAfter !== undefined && !gaveUp ? 'status' : 'alert'}
          tabIndex={-1}
          className="form__message"
        >
          {state.retryAfter !== undefined && gaveUp ? t.quiz.failedToSend : state.message}
        </p>
      ) : null}
      <button type="submit" className="button" aria-disabled={pending || undefined}>
        {pending ? t.quiz.submitting : t.quiz.submit}
      </button>
    </form>
  );
}
