'use client';
import { useId, useRef, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { lessonProblems } from '../content-edit.ts';
import { useEdit } from '../hooks/use-edit.ts';
import { usePreview } from '../hooks/use-preview.ts';
import { EditStatus, SaveBar } from './edit-parts.tsx';
import { DataStudioLink, LastEdit, type LastEditView } from './last-edit.tsx';

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
  const { draft, setDraft, message, setMessage, saving, messageRef, save } = useEdit<string>();
  const { preview, setPreview, previewFailed } = usePreview(draft, html);
  const [problem, setProblem] = useState<string | null>(null);
  const id = useId();
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const editButtonRef = useRef<HTMLButtonElement>(null);

  function startEditing() {
    setDraft(saved.body);
    setPreview(saved.html);
    setMessage(null);
    setProblem(null);
    requestAnimationFrame(() => textareaRef.current?.focus());
  }

  async function submit() {
    if (draft === null) return;
    const local = lessonProblems({ body: draft }).body;
    if (local) {
      setProblem(e.problems[local]);
      textareaRef.current?.focus();
      return;
    }
    await save<{ body: string; html: string; by: string | null; at: string | null }>(
      `/api/studio/lessons/${lessonId}`,
      { body: draft },
      {
        refused: (answer) => setProblem(answer.fields.includes('body') ? e.invalid : null),
        saved: (data) => {
          setSaved({ body: data.body, html: data.html, lastEdit: { by: data.by, at: data.at } });
          setProblem(null);
        },
      },
    );
  }

  return (
    <div className="lesson-editor">
      <div className="review__tools">
        <LastEdit edit={saved.lastEdit} />
        <DataStudioLink href={dataStudioHref} />
        {draft !== null ? null : (
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
      <EditStatus message={message} messageRef={messageRef} />
      {draft !== null ? (
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
            <SaveBar
              saving={saving}
              onSave={submit}
              onCancel={() => {
                setDraft(null);
                setProblem(null);
                requestAnimationFrame(() => editButtonRef.current?.focus());
              }}
            />
          </div>
          <section className="lesson-editor__preview" aria-label={e.preview}>
            <h3 className="lesson-editor__preview-title">{e.preview}</h3>
            {previewFailed ? <p className="field__problem">{e.previewFailed}</p> : null}
            <Prose html={preview} language={language} />
          </section>
        </div>
      ) : (
        <Prose html={saved.html} language={language} />
      )}
    </div>
  );
}

function Prose({ html, language }: { html: string; language: string }) {
  return (
    <div
      className="prose"
      lang={language}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: rendered and sanitised by renderMarkdown on the server.
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
