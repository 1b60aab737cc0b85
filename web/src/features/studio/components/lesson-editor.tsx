'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { lessonProblems } from '../content-edit.ts';
import { callStudio } from '../hooks/save-call.ts';
import { DataStudioLink, LastEdit, type LastEditView } from './last-edit.tsx';

const PREVIEW_DELAY_MS = 300;

type Props = {
  lessonId: string;
  language: string;
  body: string;
  /** The lesson as students see it, rendered on the server. */
  html: string;
  lastEdit: LastEditView;
  dataStudioHref: string;
};

/**
 * A lesson under review: as students read it, and on "Edit" its Markdown beside a live preview
 * (rendered by the lesson pages' own sanitising renderer, on the server). A failed save keeps the text.
 */
export function LessonEditor({ lessonId, language, body, html, lastEdit, dataStudioHref }: Props) {
  const { t } = useDictionary();
  const e = t.studio.edit;
  const [saved, setSaved] = useState({ body, html, lastEdit });
  const [draft, setDraft] = useState<string | null>(null);
  const [preview, setPreview] = useState(html);
  const [previewFailed, setPreviewFailed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (draft === null) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch('/api/studio/preview', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ markdown: draft }),
          signal: controller.signal,
        });
        if (!res.ok) throw new Error(String(res.status));
        setPreview(((await res.json()) as { html: string }).html);
        setPreviewFailed(false);
      } catch {
        if (!controller.signal.aborted) setPreviewFailed(true);
      }
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft]);

  function startEditing() {
    setDraft(saved.body);
    setPreview(saved.html);
    setMessage(null);
    setProblem(null);
    requestAnimationFrame(() => textareaRef.current?.focus());
  }

  async function save() {
    if (draft === null) return;
    const local = lessonProblems({ body: draft }).body;
    if (local) {
      setProblem(e.problems[local]);
      textareaRef.current?.focus();
      return;
    }
    setSaving(true);
    const answer = await callStudio<{ body: string; html: string; by: string | null; at: string | null }>(
      `/api/studio/lessons/${lessonId}`,
      'PATCH',
      { body: draft },
    );
    setSaving(false);
    if (!answer.ok) {
      // Nothing is lost: the draft stays in the textarea, the reason beside it.
      setProblem(answer.fields.includes('body') ? e.invalid : null);
      setMessage({ text: `${e.failed} ${answer.message}`.trim(), error: true });
      requestAnimationFrame(() => messageRef.current?.focus());
      return;
    }
    setSaved({ body: answer.data.body, html: answer.data.html, lastEdit: { by: answer.data.by, at: answer.data.at } });
    setDraft(null);
    setProblem(null);
    setMessage({ text: e.saved, error: false });
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  const editing = draft !== null;
  return (
    <div className="lesson-editor">
      <div className="review__tools">
        <LastEdit edit={saved.lastEdit} />
        <DataStudioLink href={dataStudioHref} />
        {editing ? null : (
          <button
            ref={editButtonRef}
            type="button"
            className="button button--small button--secondary"
            onClick={startEditing}
          >
            {e.lesson}
          </button>
        )}
      </div>
      {message ? (
        <p ref={messageRef} tabIndex={-1} role={message.error ? 'alert' : 'status'} className="review__message">
          {message.text}
        </p>
      ) : null}
      {editing ? (
        <div className="lesson-editor__panes">
          <div className={problem ? 'field field--invalid' : 'field'}>
            <label htmlFor={`${id}-md`}>{e.markdown}</label>
            {problem ? (
              <p id={`${id}-problem`} className="field__problem">
                {problem}
              </p>
            ) : null}
            <textarea
              ref={textareaRef}
              id={`${id}-md`}
              lang={language}
              rows={24}
              value={draft}
              spellCheck
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? `${id}-problem` : undefined}
              onChange={(event) => setDraft(event.target.value)}
            />
            <div className="lesson-editor__actions">
              <button
                type="button"
                className="button"
                onClick={save}
                disabled={saving}
                aria-disabled={saving || undefined}
              >
                {saving ? e.saving : e.save}
              </button>
              <button
                type="button"
                className="button button--secondary"
                onClick={() => {
                  setDraft(null);
                  setProblem(null);
                  requestAnimationFrame(() => editButtonRef.current?.focus());
                }}
              >
                {e.cancel}
              </button>
            </div>
          </div>
          <section className="lesson-editor__preview" aria-label={e.preview}>
            <h3 className="lesson-editor__preview-title">{e.preview}</h3>
            {previewFailed ? <p className="field__problem">{e.previewFailed}</p> : null}
            <div
              className="prose"
              lang={language}
              // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitised by renderMarkdown on the server.
              dangerouslySetInnerHTML={{ __html: preview }}
            />
          </section>
        </div>
      ) : (
        <div
          className="prose"
          lang={language}
          // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitised by renderMarkdown on the server.
          dangerouslySetInnerHTML={{ __html: saved.html }}
        />
      )}
    </div>
  );
}
