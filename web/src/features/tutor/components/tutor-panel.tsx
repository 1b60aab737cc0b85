'use client';
import { TUTOR_MESSAGE_MAX_CHARS } from '@aula/domain';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { readEvents } from '../sse.ts';

type Item = {
  key: string;
  role: 'user' | 'assistant';
  /** The student's words, or the tutor's answer while it streams (shown as plain text). */
  text: string;
  /** The tutor's finished answer, sanitised on the server (the lessons' Markdown renderer). */
  html?: string;
  state: 'done' | 'streaming' | 'stopped' | 'error';
  note?: string;
};
type Stored = { id: string; role: 'user' | 'assistant'; status: string; content: string; html: string };

let counter = 0;
const nextKey = () => `m${++counter}`;

async function* textOf(body: ReadableStream<Uint8Array>): AsyncGenerator<string> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  while (true) {
    const { done, value } = await reader.read();
    if (done) return;
    yield decoder.decode(value, { stream: true });
  }
}

/**
 * The tutor beside a lesson: the latest conversation about it, a question box, the answer as it
 * streams (announced once complete), stop, and a new conversation. The answer shows as plain text
 * while it streams and as sanitised HTML from the server once it is complete.
 */
export function TutorPanel({ lessonId, language }: { lessonId: string; language: string }) {
  const { t } = useDictionary();
  const [items, setItems] = useState<Item[]>([]);
  const [conversationId, setConversationId] = useState<string | undefined>();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(true);
  const [streaming, setStreaming] = useState(false);
  const controller = useRef<AbortController | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const ids = { title: useId(), input: useId(), hint: useId() };

  useEffect(() => {
    let cancelled = false;
    fetch(`/api/tutor/conversations?lessonId=${encodeURIComponent(lessonId)}`, { cache: 'no-store' })
      .then(async (res) => {
        if (!res.ok) throw new Error(String(res.status));
        const { conversation } = (await res.json()) as { conversation: { id: string; messages: Stored[] } | null };
        if (cancelled || !conversation) return;
        setConversationId(conversation.id);
        setItems(
          conversation.messages.map((m) => ({
            key: m.id,
            role: m.role,
            text: m.content,
            ...(m.role === 'assistant' ? { html: m.html } : {}),
            state: m.status === 'stopped' ? 'stopped' : m.status === 'error' ? 'error' : 'done',
            ...(m.status === 'stopped'
              ? { note: t.tutor.stopped }
              : m.status === 'error'
                ? { note: t.tutor.failed }
                : {}),
          })),
        );
      })
      .catch(() => !cancelled && setError(t.tutor.historyFailed))
      .finally(() => !cancelled && setLoading(false));
    return () => {
      cancelled = true;
    };
  }, [lessonId, t]);

  useEffect(() => {
    const log = logRef.current;
    if (log && items.length > 0) log.scrollTop = log.scrollHeight;
  }, [items]);

  const update = (key: string, change: (item: Item) => Item) =>
    setItems((all) => all.map((item) => (item.key === key ? change(item) : item)));

  async function send(event?: FormEvent) {
    event?.preventDefault();
    if (streaming) return;
    const message = draft.trim();
    if (!message) return setError(t.tutor.errors.empty);
    if (message.length > TUTOR_MESSAGE_MAX_CHARS) return setError(t.tutor.errors.tooLong(TUTOR_MESSAGE_MAX_CHARS));
    setError('');
    const mine: Item = { key: nextKey(), role: 'user', text: message, state: 'done' };
    const answer: Item = { key: nextKey(), role: 'assistant', text: '', state: 'streaming' };
    setItems((all) => [...all, mine, answer]);
    setDraft('');
    setStreaming(true);
    const abort = new AbortController();
    controller.current = abort;
    try {
      const res = await fetch('/api/tutor/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ lessonId, message, ...(conversationId ? { conversationId } : {}) }),
        signal: abort.signal,
      });
      if (!res.ok || !res.body) {
        const body = (await res.json().catch(() => null)) as {
          errors?: { extensions?: { details?: { field: string }[] } }[];
        } | null;
        const limit = body?.errors?.[0]?.extensions?.details?.[0]?.field;
        setItems((all) => all.filter((item) => item.key !== mine.key && item.key !== answer.key));
        setDraft(message);
        setError(
          res.status === 429
            ? limit === 'tokens_per_day'
              ? t.tutor.errors.perDay
              : limit === 'site_daily_budget'
                ? t.tutor.errors.siteBudget
                : t.tutor.errors.perMinute
            : res.status === 401
              ? t.tutor.errors.signedOut
              : res.status === 503
                ? t.tutor.errors.unavailable
                : t.tutor.errors.generic,
        );
        return;
      }
      for await (const e of readEvents(textOf(res.body))) {
        if (e.event === 'conversation') setConversationId(e.data.conversationId);
        else if (e.event === 'token') update(answer.key, (item) => ({ ...item, text: item.text + e.data.text }));
        else if (e.event === 'end') update(answer.key, (item) => ({ ...item, html: e.data.html, state: 'done' }));
        else if (e.event === 'error') {
          const withdrawn = e.data.code === 'withdrawn';
          update(answer.key, (item) => ({
            ...item,
            text: withdrawn ? '' : item.text,
            state: 'error',
            note: withdrawn ? t.tutor.errors.withdrawn : `${t.tutor.failed} ${t.tutor.errors.unavailable}`,
          }));
        }
      }
    } catch {
      update(answer.key, (item) =>
        abort.signal.aborted
          ? { ...item, state: 'stopped', note: t.tutor.stopped }
          : { ...item, state: 'error', note: t.tutor.errors.generic },
      );
    } finally {
      controller.current = null;
      setStreaming(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      void send();
    }
  }

  function newConversation() {
    controller.current?.abort();
    setConversationId(undefined);
    setItems([]);
    setError('');
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
            <button type="button" className="button button--secondary" onClick={() => controller.current?.abort()}>
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
