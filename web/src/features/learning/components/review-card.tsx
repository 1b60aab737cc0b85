'use client';
import Link from 'next/link';
import { useActionState, useEffect, useRef } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { InlineCode } from '../../../shared/markdown/inline-code.tsx';
import { answerReviewAction, type ReviewState } from '../server/review-actions.ts';
import type { ReviewItem } from '../server/review-api.ts';

/**
 * One question of the student's spaced review: its options as a radio group, graded on the server.
 * The verdict replaces the form and takes focus, with the section to reread, the correct answer only
 * when the quiz's policy already shows it, when it comes back, and a link to the next question.
 */
export function ReviewCard({ item }: { item: ReviewItem }) {
  const { locale, t } = useDictionary();
  const [state, action, pending] = useActionState<ReviewState, FormData>(answerReviewAction, {});
  const resultRef = useRef<HTMLHeadingElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
  const language = item.course.language;
  const lessonHref = `/cursos/${item.course.slug}/lecciones/${item.lesson.slug}`;
  const result = state.result;

  useEffect(() => {
    if (state.attempt === undefined) return;
    (result ? resultRef.current : messageRef.current)?.focus();
  }, [state.attempt, result]);

  return (
    <article className="review-card" aria-labelledby="review-prompt">
      <p className="review-card__source">
        {t.review.from}{' '}
        <Link href={lessonHref} lang={language}>
          {item.lesson.title}
        </Link>{' '}
        · <span lang={language}>{item.course.title}</span> · {t.review.box(item.box)}
      </p>
      <h2 id="review-prompt" lang={language} className="review-card__prompt">
        <InlineCode text={item.prompt} />
      </h2>
      {result ? (
        <div className={result.correct ? 'score score--passed' : 'score score--failed'}>
          <h3 ref={resultRef} tabIndex={-1}>
            {result.correct ? (result.box === null ? t.review.learned : t.review.correct) : t.review.incorrect}
          </h3>
          <p>
            {t.quiz.yourAnswer}{' '}
            <span lang={language}>
              <InlineCode text={item.options[result.chosen] ?? ''} />
            </span>
          </p>
          {result.keyShown && result.correctOption !== null ? (
            <p>
              {t.review.correctAnswer}{' '}
              <span lang={language}>
                <InlineCode text={item.options[result.correctOption] ?? ''} />
              </span>
            </p>
          ) : null}
          {result.keyShown && result.explanation ? (
            <p lang={language}>
              <InlineCode text={result.explanation} />
            </p>
          ) : null}
          {!result.correct && !result.keyShown ? <p>{t.review.keyLater}</p> : null}
          {!result.correct ? (
            <p>
              <Link href={result.lessonSection ? `${lessonHref}#${result.lessonSection}` : lessonHref}>
                {t.review.reread}
              </Link>
            </p>
          ) : null}
          {result.nextDueAt ? <p>{t.review.nextOn(when.format(new Date(result.nextDueAt)))}</p> : null}
          <p>
            <a href="/repaso" className="button">
              {t.review.next}
            </a>
          </p>
        </div>
      ) : (
        <form action={action} className="review-card__form" noValidate>
          <input type="hidden" name="reviewId" value={item.reviewId} />
          <fieldset
            className={state.missing ? 'question question--missing' : 'question'}
            aria-describedby={state.message ? 'review-problem' : undefined}
          >
            <legend className="sr-only">{t.review.legend}</legend>
            {item.options.map((option, index) => (
              <label key={option} className="option">
                <input type="radio" name="answer" value={index} required />
                <span lang={language}>
                  <InlineCode text={option} />
                </span>
              </label>
            ))}
          </fieldset>
          {state.message ? (
            <p id="review-problem" ref={messageRef} role="alert" tabIndex={-1} className="form__message">
              {state.message}
            </p>
          ) : null}
          <button type="submit" className="button" aria-disabled={pending || undefined}>
            {pending ? t.review.submitting : t.review.submit}
          </button>
        </form>
      )}
    </article>
  );
}
