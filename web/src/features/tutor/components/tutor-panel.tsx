'use client';
import { TUTOR_MESSAGE_MAX_CHARS } from '@aula/domain';
import { type KeyboardEvent, useId } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { useTutor } from '../hooks/use-tutor.ts';

/**
 * The tutor beside a lesson: the latest conversation about it, a question box, the answer as it
 * streams (announced once complete), stop, and a new conversation. The answer shows as plain text
 * while it streams and as sanitised HTML from the server once it is complete.
 */
export function TutorPanel({ lessonId, language }: { lessonId: string; language: string }) {
  const { t } = useDictionary();
  const { items, conversationId, draft, setDraft, error, loading, streaming, logRef, send, stop, newConversation } =
    useTutor(lessonId);
  const ids = { title: useId(), input: useId(), hint: useId() };

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <aside className="tutor" aria-labelledby={ids.title}>
      <div className="tutor__header">
        <h2 id={ids.title}>{t.tutor.title}</h2>
        <button
          type="button"
          className="tutor__new"
          onClick={newConversation}
          disabled={items.length === 0 && !conversationId}
        >
          {t.tutor.newConversation}
        </button>
      </div>
      <p className="tutor__intro">{t.tutor.intro}</p>
      <p className="tutor__notice">{t.tutor.staffNotice}</p>
      <div
        ref={logRef}
        className="tutor__log"
        role="log"
        aria-live="polite"
        aria-busy={streaming}
        aria-label={t.tutor.conversation}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the conversation scrolls; keyboard users must reach it.
        tabIndex={0}
      >
        {loading ? <p className="tutor__empty">{t.tutor.loading}</p> : null}
        {!loading && items.length === 0 ? <p className="tutor__empty">{t.tutor.empty}</p> : null}
        {items.map((item) => (
          <div key={item.key} className={`tutor__message tutor__message--${item.role}`} data-state={item.state}>
            <p className="tutor__who">{item.role === 'user' ? t.tutor.you : t.tutor.tutor}</p>
            {item.role === 'user' ? (
              <p className="tutor__text">{item.text}</p>
            ) : item.html !== undefined && item.state === 'done' ? (
              <div
                className="prose tutor__answer"
                lang={language}
                // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered by renderMarkdown on the server (sanitised: no script, handler, javascript: link or foreign image).
                dangerouslySetInnerHTML={{ __html: item.html }}
              />
            ) : (
              <p className="tutor__text tutor__answer" lang={language}>
                {item.text || (item.state === 'streaming' ? t.tutor.writing : '')}
              </p>
            )}
            {item.note ? <p className="tutor__note">{item.note}</p> : null}
          </div>
        ))}
      </div>
      <form className="tutor__form" onSubmit={send}>
        <label htmlFor={ids.input}>{t.tutor.label}</label>
        <textarea
          id={ids.input}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          rows={3}
          maxLength={TUTOR_MESSAGE_MAX_CHARS}
          aria-describedby={ids.hint}
        />
        <p id={ids.hint} className="tutor__hint">
          {t.tutor.hint} · {t.tutor.counter(draft.length, TUTOR_MESSAGE_MAX_CHARS)}
        </p>
        <p role="alert" className="tutor__error">
          {error}
        </p>
        <div className="tutor__actions">
          {streaming ? (
            <button type="button" className="button button--secondary" onClick={stop}>
              {t.tutor.stop}
            </button>
          ) : (
            <button type="submit" className="button">
              {t.tutor.send}
            </button>
          )}
        </div>
      </form>
    </aside>
  );
}
