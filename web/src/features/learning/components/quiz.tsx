'use client';
import { useActionState, useEffect, useRef, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import type { Quiz as QuizData } from '../server/get-quiz.ts';
import { type QuizState, submitQuizAction } from '../server/lesson-actions.ts';
import { QuizResult } from './quiz-result.tsx';

export type QuizSummary = {
  score: number | null;
  bestScore: number | null;
  attempts: number;
  attemptsLeft: number | null;
  passed: boolean;
};
export type PastAttempt = { attemptId: string; score: number; passed: boolean; createdAt: string };

type Props = {
  quiz: QuizData;
  /** The course's language: questions and options are content. */
  language: string;
  /** This lesson's path (the action revalidates it). */
  path: string;
  /** Heading text by anchor, to name the section a wrong answer should review. */
  sections: Record<string, string>;
  summary: QuizSummary | null;
  history: PastAttempt[];
};

/**
 * The lesson's quiz: one radio group per question, marked on the server by the course API under the
 * quiz's attempt policy. The result (score, passed or not, each question right or wrong with the section
 * to review; the correct answer and its explanation only once the policy shows them) replaces the form
 * and takes focus; "Try again" brings back an empty form while attempts are left.
 */
export function Quiz({ quiz, language, path, sections, summary, history }: Props) {
  const { t } = useDictionary();
  const [state, action, pending] = useActionState<QuizState, FormData>(submitQuizAction, {});
  const [answering, setAnswering] = useState(true);
  const [newAttempts, setNewAttempts] = useState<PastAttempt[]>([]);
  const [round, setRound] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const focusFirst = useRef(false);

  useEffect(() => {
    if (!state.attempt) return;
    const { result } = state;
    if (result) {
      setAnswering(false);
      const attempt = { ...result, createdAt: new Date().toISOString() };
      setNewAttempts((known) => (known.some((a) => a.attemptId === result.attemptId) ? known : [attempt, ...known]));
      return;
    }
    const first = state.missing?.[0];
    const radio =
      first === undefined ? null : formRef.current?.querySelector<HTMLInputElement>(`input[name="answer-${first}"]`);
    (radio ?? messageRef.current)?.focus();
  }, [state]);

  useEffect(() => {
    if (!answering) resultRef.current?.focus();
    else if (focusFirst.current) {
      focusFirst.current = false;
      formRef.current?.querySelector<HTMLInputElement>('input[type="radio"]')?.focus();
    }
  }, [answering]);

  const tryAgain = () => {
    focusFirst.current = true;
    setRound((n) => n + 1);
    setAnswering(true);
  };

  const result = answering ? undefined : state.result;
  const { policy } = quiz;
  const standing = state.result
    ? {
        score: state.result.quizScore,
        bestScore: state.result.bestScore,
        attempts: state.result.attempts,
        attemptsLeft: state.result.attemptsLeft,
      }
    : summary && summary.attempts > 0
      ? summary
      : null;
  const exhausted = state.exhausted === true || standing?.attemptsLeft === 0;
  const missing = new Set(state.missing ?? []);
  const attempts = [
    ...newAttempts,
    ...history.filter((past) => !newAttempts.some((a) => a.attemptId === past.attemptId)),
  ];
  const count = quiz.questions.length;

  return (
    <section aria-labelledby="quiz-title" className="quiz" id="cuestionario">
      <p className="module__eyebrow">{t.quiz.title}</p>
      <h2 id="quiz-title" lang={language}>
        {quiz.title}
      </h2>
      <p className="quiz__intro">{t.quiz.intro(count, quiz.passScore)}</p>
      <p className="quiz__rules">{t.quiz.rules(policy.maxAttempts, policy.revealAnswers)}</p>
      {standing?.score != null && standing.bestScore != null ? (
        <p className="quiz__best">
          {policy.scoreRule === 'last'
            ? t.quiz.lastScore(standing.score, standing.attempts)
            : t.quiz.best(standing.bestScore, standing.attempts)}
          {standing.attemptsLeft ? ` · ${t.quiz.attemptsLeft(standing.attemptsLeft)}` : ''}
        </p>
      ) : null}
      <div role="status" className="quiz__status">
        {result ? (
          <div className={result.passed ? 'score score--passed' : 'score score--failed'}>
            <h3 ref={resultRef} tabIndex={-1}>
              {t.quiz.resultTitle}
            </h3>
            <p className="score__value">{t.quiz.score(result.score)}</p>
            <p className="score__verdict">{result.passed ? t.quiz.passed : t.quiz.failed(result.passScore)}</p>
          </div>
        ) : null}
      </div>
      {result ? (
        <>
          {result.keyShown ? null : <p className="quiz__key-later">{t.quiz.keyLater(policy.revealAnswers)}</p>}
          <QuizResult quiz={quiz} result={result} language={language} sections={sections} />
          {result.attemptsLeft === 0 ? (
            <p className="notice notice--info">{t.quiz.noAttemptsLeft}</p>
          ) : (
            <button type="button" className="button" onClick={tryAgain}>
              {t.quiz.tryAgain}
            </button>
          )}
        </>
      ) : exhausted ? (
        <p ref={messageRef} tabIndex={-1} className="notice notice--info">
          {t.quiz.noAttemptsLeft}
        </p>
      ) : (
        <form key={round} ref={formRef} action={action} className="quiz__form" noValidate>
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
                      <span lang={language}>{question.prompt}</span>
                    </legend>
                    {wrong ? (
                      <p id={`question-${index}-problem`} className="field__problem">
                        {t.quiz.chooseOne}
                      </p>
                    ) : null}
                    {question.options.map((option, optionIndex) => (
                      <label key={option} className="option">
                        <input type="radio" name={`answer-${index}`} value={optionIndex} required />
                        <span lang={language}>{option}</span>
                      </label>
                    ))}
                  </fieldset>
                </li>
              );
            })}
          </ol>
          {state.message && !state.result ? (
            <p ref={messageRef} role="alert" tabIndex={-1} className="form__message">
              {state.message}
            </p>
          ) : null}
          <button type="submit" className="button" aria-disabled={pending || undefined}>
            {pending ? t.quiz.submitting : t.quiz.submit}
          </button>
        </form>
      )}
      {attempts.length > 0 ? (
        <details className="quiz__history">
          <summary>{t.quiz.history}</summary>
          <ol>
            {attempts.map((past) => (
              <li key={past.attemptId}>
                <time dateTime={past.createdAt}>{past.createdAt.slice(0, 10)}</time> ·{' '}
                {t.quiz.attempt(past.score, past.passed)}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
