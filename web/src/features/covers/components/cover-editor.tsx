'use client';
import { useActionState, useEffect, useId, useRef } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { type CoverState, changeCoverAction } from '../server/cover-actions.ts';
import type { StudioCover } from '../server/studio-cover.ts';

/**
 * The course's cover on its review page: what it is now (a preview, where it came from, who set it
 * and when), an upload to replace it, and the way back to the drawn cover. The server checks the
 * image again (type from its bytes, size, that it decodes); the answer is announced.
 */
export function CoverEditor({ initial }: { initial: StudioCover }) {
  const { locale, t } = useDictionary();
  const c = t.studio.cover;
  const id = useId();
  const [state, action, pending] = useActionState<CoverState, FormData>(changeCoverAction, { attempt: 0 });
  const messageRef = useRef<HTMLParagraphElement>(null);
  const cover = 'ok' in state && state.ok ? state.cover : initial;
  useEffect(() => {
    if (state.attempt > 0) messageRef.current?.focus();
  }, [state.attempt]);
  const when = cover.at
    ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(cover.at))
    : null;
  const message = pending ? c.saving : 'ok' in state ? (state.ok ? c.saved : c.problems[state.problem]) : null;
  return (
    <section className="cover-editor" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{c.title}</h2>
      {cover.cover ? (
        // biome-ignore lint/performance/noImgElement: a private preview through the studio's own route.
        <img
          className="cover"
          src={`/api/studio/courses/${cover.courseId}/cover?w=640&v=${cover.cover}`}
          alt={t.course.coverAlt(cover.title)}
          width={1200}
          height={630}
        />
      ) : (
        <p>{c.none}</p>
      )}
      {cover.source ? (
        <p className="review__edited">
          {c.source[cover.source]}{' '}
          {when && cover.source !== 'generated' ? (
            <time dateTime={cover.at ?? undefined} suppressHydrationWarning>
              {c.setBy(cover.by ?? c.someone, when)}
            </time>
          ) : null}
        </p>
      ) : null}
      <p
        ref={messageRef}
        tabIndex={-1}
        role={'ok' in state && !state.ok && !pending ? 'alert' : 'status'}
        className="review__message"
        hidden={message === null}
      >
        {message}
      </p>
      <form action={action} className="cover-editor__form">
        <input type="hidden" name="courseId" value={cover.courseId} />
        <div className="field">
          <label htmlFor={`${id}-file`}>{c.file}</label>
          <input
            id={`${id}-file`}
            name="file"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            aria-describedby={`${id}-hint`}
            required
          />
          <p id={`${id}-hint`} className="field__hint">
            {c.fileHint}
          </p>
        </div>
        <button type="submit" className="button button--small" disabled={pending}>
          {c.upload}
        </button>
      </form>
      {cover.source !== 'drawn' ? (
        <form action={action}>
          <input type="hidden" name="courseId" value={cover.courseId} />
          <input type="hidden" name="mode" value="drawn" />
          <button type="submit" className="button button--small button--secondary" disabled={pending}>
            {c.drawn}
          </button>
        </form>
      ) : null}
    </section>
  );
}
