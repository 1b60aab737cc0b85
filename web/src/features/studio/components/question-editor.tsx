'use client';
import { useId, useRef, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { type QuestionEdit, type QuestionField, questionProblems } from '../content-edit.ts';
import { callStudio } from '../hooks/save-call.ts';
import { DataStudioLink, LastEdit, type LastEditView } from './last-edit.tsx';

type Question = {
  id: string;
  prompt: string;
  options: string[];
  correct_option: number;
  explanation: string | null;
  lastEdit: LastEditView;
};

const OPTIONS = [0, 1, 2, 3] as const;

/** A quiz question under review (with its key and explanation), and its edit form. */
export function QuestionEditor({ question, dataStudioHref }: { question: Question; dataStudioHref: string }) {
  const { t } = useDictionary();
  const e = t.studio.edit;
  const r = t.studio.review;
  const [saved, setSaved] = useState(question);
  const [draft, setDraft] = useState<QuestionEdit | null>(null);
  const [problems, setProblems] = useState<Partial<Record<QuestionField, string>>>({});
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();
  const formRef = useRef<HTMLFieldSetElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);
  const messageRef = useRef<HTMLParagraphElement>(null);

  const field = (name: QuestionField) => `${id}-${name}`;
  const focus = (name: QuestionField) =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[id="${field(name)}"]`)?.focus());
  const aria = (name: QuestionField) =>
    problems[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${field(name)}-problem` } : {};
  const problem = (name: QuestionField) =>
    problems[name] ? (
      <p id={`${field(name)}-problem`} className="field__problem">
        {problems[name]}
      </p>
    ) : null;

  function startEditing() {
    setDraft({
      prompt: saved.prompt,
      options: [...saved.options],
      correctOption: saved.correct_option,
      explanation: saved.explanation ?? '',
    });
    setProblems({});
    setMessage(null);
    focus('prompt');
  }

  async function save() {
    if (!draft) return;
    const found = questionProblems(draft);
    const wrong = Object.keys(found) as QuestionField[];
    if (wrong.length > 0) {
      setProblems(Object.fromEntries(wrong.map((name) => [name, e.problems[found[name] ?? 'empty']])));
      setMessage({ text: e.invalid, error: true });
      focus(wrong[0] ?? 'prompt');
      return;
    }
    setSaving(true);
    const answer = await callStudio<{ by: string | null; at: string | null }>(
      `/api/studio/questions/${saved.id}`,
      'PATCH',
      draft,
    );
    setSaving(false);
    if (!answer.ok) {
      setMessage({ text: `${e.failed} ${answer.message}`.trim(), error: true });
      requestAnimationFrame(() => messageRef.current?.focus());
      return;
    }
    setSaved({
      ...saved,
      prompt: draft.prompt.trim(),
      options: draft.options.map((option) => option.trim()),
      correct_option: draft.correctOption,
      explanation: draft.explanation.trim() || null,
      lastEdit: { by: answer.data.by, at: answer.data.at },
    });
    setDraft(null);
    setProblems({});
    setMessage({ text: e.saved, error: false });
    requestAnimationFrame(() => messageRef.current?.focus());
  }

  const status = message ? (
    <p ref={messageRef} tabIndex={-1} role={message.error ? 'alert' : 'status'} className="review__message">
      {message.text}
    </p>
  ) : null;

  if (!draft) {
    return (
      <>
        <p>{saved.prompt}</p>
        <ol type="A">
          {saved.options.map((option, o) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: options are positional (A–D), and may repeat while drafted.
            <li key={o} className={o === saved.correct_option ? 'review__correct' : undefined}>
              {option}
              {o === saved.correct_option ? <strong> ({r.correct})</strong> : null}
            </li>
          ))}
        </ol>
        {saved.explanation ? (
          <p>
            <em>{r.explanation}:</em> {saved.explanation}
          </p>
        ) : null}
        <div className="review__tools">
          <LastEdit edit={saved.lastEdit} />
          <DataStudioLink href={dataStudioHref} />
          <button ref={editRef} type="button" className="button button--small button--secondary" onClick={startEditing}>
            {e.question}
          </button>
        </div>
        {status}
      </>
    );
  }

  const set = (change: Partial<QuestionEdit>) => setDraft({ ...draft, ...change });
  return (
    <fieldset ref={formRef} className="question-editor">
      <legend>{e.question}</legend>
      {status}
      <div className={problems.prompt ? 'field field--invalid' : 'field'}>
        <label htmlFor={field('prompt')}>{e.prompt}</label>
        {problem('prompt')}
        <textarea
          id={field('prompt')}
          rows={3}
          value={draft.prompt}
          onChange={(event) => set({ prompt: event.target.value })}
          {...aria('prompt')}
        />
      </div>
      {OPTIONS.map((o) => {
        const name = `option${o}` as QuestionField;
        return (
          <div key={o} className={problems[name] ? 'field field--invalid' : 'field'}>
            <label htmlFor={field(name)}>{e.option(o)}</label>
            {problem(name)}
            <input
              id={field(name)}
              value={draft.options[o] ?? ''}
              onChange={(event) => set({ options: draft.options.map((v, i) => (i === o ? event.target.value : v)) })}
              {...aria(name)}
            />
          </div>
        );
      })}
      <div className={problems.correctOption ? 'field field--invalid' : 'field'}>
        <label htmlFor={field('correctOption')}>{e.correct}</label>
        {problem('correctOption')}
        <select
          id={field('correctOption')}
          value={String(draft.correctOption)}
          onChange={(event) => set({ correctOption: Number(event.target.value) })}
          {...aria('correctOption')}
        >
          {OPTIONS.map((o) => (
            <option key={o} value={o}>
              {e.option(o)}
            </option>
          ))}
        </select>
      </div>
      <div className={problems.explanation ? 'field field--invalid' : 'field'}>
        <label htmlFor={field('explanation')}>{e.explanation}</label>
        {problem('explanation')}
        <textarea
          id={field('explanation')}
          rows={3}
          value={draft.explanation}
          onChange={(event) => set({ explanation: event.target.value })}
          {...aria('explanation')}
        />
      </div>
      <div className="lesson-editor__actions">
        <button type="button" className="button" onClick={save} disabled={saving} aria-disabled={saving || undefined}>
          {saving ? e.saving : e.save}
        </button>
        <button
          type="button"
          className="button button--secondary"
          onClick={() => {
            setDraft(null);
            setMessage(null);
            requestAnimationFrame(() => editRef.current?.focus());
          }}
        >
          {e.cancel}
        </button>
      </div>
    </fieldset>
  );
}
