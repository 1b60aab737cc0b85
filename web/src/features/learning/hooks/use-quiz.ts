'use client';
import { useActionState, useEffect, useRef, useState } from 'react';
import { type QuizState, submitQuizAction } from '../server/lesson-actions.ts';

/** How many times in a row a quiz refused for too many requests is sent again by itself. */
const MAX_BUSY_RETRIES = 5;

export type QuizSummary = {
  score: number | null;
  bestScore: number | null;
  attempts: number;
  attemptsLeft: number | null;
  passed: boolean;
};
export type PastAttempt = { attemptId: string; score: number; passed: boolean; createdAt: string };

/**
 * The quiz's state: the form posts to the server action (marked by the course API); a result
 * replaces the form and takes focus, a refused one keeps the options chosen and focuses the first
 * unanswered question, one refused for too many requests sends itself again; "Try
 * again" brings back an empty form. The standing (best or last score, attempts left) and the
 * attempts so far include the ones made on this page.
 */
export function useQuiz(summary: QuizSummary | null, history: PastAttempt[]) {
  const [state, action, pending] = useActionState<QuizState, FormData>(submitQuizAction, {});
  const [answering, setAnswering] = useState(true);
  const [newAttempts, setNewAttempts] = useState<PastAttempt[]>([]);
  const [round, setRound] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const resultRef = useRef<HTMLHeadingElement>(null);
  const focusFirst = useRef(false);
  const busyRetries = useRef(0);
  const [gaveUp, setGaveUp] = useState(false);
  /** The options last sent: React empties a form once its action is done, and a refused one keeps them. */
  const lastAnswers = useRef<[string, string][]>([]);
  // Read as the form is submitted (the action itself stays the server action, so the form works
  // without JavaScript too).
  const remember = () => {
    if (!formRef.current) return;
    lastAnswers.current = [...new FormData(formRef.current).entries()].flatMap(([name, value]) =>
      name.startsWith('answer-') ? [[name, String(value)] as [string, string]] : [],
    );
  };

  // A 429 (a class all submitting at once): the same answers go again after Retry-After, a few times,
  // while the form says "retrying"; then the usual "try again later".
  useEffect(() => {
    if (state.retryAfter === undefined) {
      busyRetries.current = 0;
      setGaveUp(false);
      return;
    }
    if (busyRetries.current >= MAX_BUSY_RETRIES) {
      setGaveUp(true);
      return;
    }
    busyRetries.current += 1;
    const timer = setTimeout(() => formRef.current?.requestSubmit(), Math.min(state.retryAfter, 30) * 1000);
    return () => clearTimeout(timer);
  }, [state]);

  useEffect(() => {
    if (!state.attempt) return;
    const { result } = state;
    if (!result) {
      for (const [name, value] of lastAnswers.current) {
        const input = formRef.current?.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`);
        if (input) input.checked = true;
      }
    }
    // Too busy: the form sends itself again; focus stays where the learner is.
    if (state.retryAfter !== undefined) return;
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
  return {
    /** What the form needs (QuizForm's props but the quiz's own). */
    form: { state, action, onSubmit: remember, pending, round, missing, formRef, messageRef, gaveUp },
    resultRef,
    tryAgain,
    result,
    standing,
    exhausted,
    attempts,
  };
}
