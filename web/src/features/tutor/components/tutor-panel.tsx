'use client';
import { TUTOR_MESSAGE_MAX_CHARS } from '@aula/domain';
import { type KeyboardEvent, useEffect, useId } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { Prose } from '../../../shared/markdown/prose.tsx';
import { useTutor } from '../hooks/use-tutor.ts';

type Props = {
  lessonId: string;
  language: string;
  /** In the phone's sheet: a "Close" button in the header, and the title the dialog is named by. */
  sheet?: { onClose: () => void; titleId: string };
};

/**
 * The tutor beside a lesson: the latest conversation about it, a question box, the answer as it
 * streams (announced once complete), stop, and a new conversation. The answer shows as plain text
 * while it streams and as sanitised HTML from the server once it is complete.
 */
export function TutorPanel({ lessonId, language, sheet }: Props) {
  const { t } = useDictionary();
  const {
    items,
    conversationId,
    draft,
    setDraft,
    error,
    loading,
    streaming,
    logRef,
    inputRef,
    send,
    stop,
    newConversation,
  } = useTutor(lessonId);
  const ids = { title: useId(), input: useId(), hint: useId() };
  const titleId = sheet?.titleId ?? ids.title;
  const inSheet = sheet !== undefined;

  useEffect(() => {
    // The sheet opens on the question box (the dialog opened before this code had loaded).
    if (inSheet) inputRef.current?.focus();
  }, [inSheet, inputRef]);

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  return (
    <aside className={sheet ? 'tutor tutor--sheet' : 'tutor'} aria-labelledby={titleId}>
      <div className="tutor__header">
        <h2 id={titleId}>{t.tutor.title}</h2>
        <button
          type="button"
          className="tutor__new"
          onClick={newConversation}
          disabled={items.length === 0 && !conversationId}
        >
          {t.tutor.newConversation}
        </button>
        {sheet ? (
          <button type="button" className="tutor__close" onClick={sheet.onClose}>
            <span aria-hidden="true">×</span>
            <span className="sr-only">{t.student.tutorSheet.close}</span>
          </button>
        ) : null}
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
              // Rendered by renderMarkdown on the server (sanitised: no script, handler, javascript: link or foreign image).
              <Prose className="prose tutor__answer" lang={language} html={item.html} />
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
          ref={inputRef}
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
          {/* Two keys, two elements: the stop button never turns into the submit button under a click. */}
          {streaming ? (
            <button key="stop" type="button" className="button button--secondary" onClick={stop}>
              {t.tutor.stop}
            </button>
          ) : (
            <button key="send" type="submit" className="button">
              {t.tutor.send}
            </button>
          )}
        </div>
      </form>
    </aside>
  );
}
