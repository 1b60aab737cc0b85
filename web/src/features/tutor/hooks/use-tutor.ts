'use client';
import { TUTOR_MESSAGE_MAX_CHARS } from '@aula/domain';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { readEvents } from '../sse.ts';

export type Item = {
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
 * The tutor's conversation about a lesson: the latest one read when the panel opens, a question sent
 * and its answer streamed in (`POST /api/tutor/messages`, server-sent events), stop, and a new
 * conversation. Refusals (limits, signed out, the tutor down) become the sentence to show.
 */
export function useTutor(lessonId: string) {
  const { t } = useDictionary();
  const [items, setItems] = useState<Item[]>([]);
  const [conversationId, setConversationId] = useState<string | undefined>();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(true);
  const [streaming, setStreaming] = useState(false);
  const controller = useRef<AbortController | null>(null);
  /** Set by "Stop" (not by "New conversation"): the stopped question goes back in the box. */
  const stopped = useRef(false);
  const logRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

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
    stopped.current = false;
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
      if (abort.signal.aborted && stopped.current) {
        // The question comes back to be asked again or reworded, unless something new was typed since.
        setDraft((typed) => typed || message);
        inputRef.current?.focus();
      }
    } finally {
      controller.current = null;
      setStreaming(false);
    }
  }

  function newConversation() {
    controller.current?.abort();
    setConversationId(undefined);
    setItems([]);
    setError('');
  }

  /**
   * Stops the answer. The click's default is cancelled: the button under the pointer turns into
   * "Send" as the stream ends, and the click must not go on to submit the (empty) form.
   */
  function stop(event?: { preventDefault(): void }) {
    event?.preventDefault();
    stopped.current = true;
    controller.current?.abort();
  }

  return {
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
  };
}
