'use client';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { type PastAttempt, type QuizSummary, useQuiz } from '../hooks/use-quiz.ts';
import type { Quiz as QuizData } from '../server/get-quiz.ts';
import { QuizForm } from './quiz-form.tsx';
import { QuizResult } from './quiz-result.tsx';

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
  const { locale, t } = useDictionary();
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const { form, resultRef, tryAgain, result, standing, exhausted, attempts } = useQuiz(summary, history);
  const { policy } = quiz;
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
        <p ref={form.messageRef} tabIndex={-1} className="notice notice--info">
          {t.quiz.noAttemptsLeft}
        </p>
      ) : (
        <QuizForm quiz={quiz} language={language} path={path} {...form} />
      )}
      {attempts.length > 0 ? (
        <details className="quiz__history">
          <summary>{t.quiz.history}</summary>
          <ol>
            {attempts.map((past) => (
              <li key={past.attemptId}>
                {/* The server's and the browser's time zones may differ: the browser's wins. */}
                <time dateTime={past.createdAt} suppressHydrationWarning>
                  {when.format(new Date(past.createdAt))}
                </time>{' '}
                · {t.quiz.attempt(past.score, past.passed)}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
    </section>
  );
}
