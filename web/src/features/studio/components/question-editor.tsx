'use client';
import type { QuestionEdit, QuizCheckFlag } from '@aula/domain';
import { useId, useRef, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { type QuestionField, questionProblems } from '../content-edit.ts';
import { useEdit } from '../hooks/use-edit.ts';
import { EditStatus } from './edit-parts.tsx';
import { DataStudioLink, LastEdit, type LastEditView } from './last-edit.tsx';
import { QuestionFlags } from './question-flags.tsx';
import { QuestionForm } from './question-form.tsx';

type Question = {
  id: string;
  prompt: string;
  options: string[];
  correct_option: number;
  explanation: string | null;
  check_flags: QuizCheckFlag[] | null;
  lastEdit: LastEditView;
};

/** A quiz question under review (with its key and explanation), and its edit form. */
export function QuestionEditor({ question, dataStudioHref }: { question: Question; dataStudioHref: string }) {
  const { t } = useDictionary();
  const e = t.studio.edit;
  const r = t.studio.review;
  const [saved, setSaved] = useState(question);
  const { draft, setDraft, message, setMessage, saving, messageRef, save } = useEdit<QuestionEdit>();
  const [problems, setProblems] = useState<Partial<Record<QuestionField, string>>>({});
  const id = useId();
  const formRef = useRef<HTMLFieldSetElement>(null);
  const editRef = useRef<HTMLButtonElement>(null);

  const field = (name: QuestionField) => `${id}-${name}`;
  const focus = (name: QuestionField) =>
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[id="${field(name)}"]`)?.focus());

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

  async function submit() {
    if (!draft) return;
    const found = questionProblems(draft);
    const wrong = Object.keys(found) as QuestionField[];
    if (wrong.length > 0) {
      setProblems(Object.fromEntries(wrong.map((name) => [name, e.problems[found[name] ?? 'empty']])));
      setMessage({ text: e.invalid, error: true });
      focus(wrong[0] ?? 'prompt');
      return;
    }
    await save<{ by: string | null; at: string | null }>(`/api/studio/questions/${saved.id}`, draft, {
      saved: (data) => {
        setSaved({
          ...saved,
          prompt: draft.prompt.trim(),
          options: draft.options.map((option) => option.trim()),
          correct_option: draft.correctOption,
          explanation: draft.explanation.trim() || null,
          // The edit cleared the quiz checks' flags (questionPatch): they spoke of the old text.
          check_flags: null,
          lastEdit: { by: data.by, at: data.at },
        });
        setProblems({});
      },
    });
  }

  const status = <EditStatus message={message} messageRef={messageRef} />;
  if (draft) {
    return (
      <QuestionForm
        ref={formRef}
        draft={draft}
        onChange={(change) => setDraft({ ...draft, ...change })}
        problems={problems}
        field={field}
        status={status}
        saving={saving}
        onSave={submit}
        onCancel={() => {
          setDraft(null);
          setMessage(null);
          requestAnimationFrame(() => editRef.current?.focus());
        }}
      />
    );
  }
  return (
    <>
      <p>{saved.prompt}</p>
      <QuestionFlags flags={saved.check_flags} />
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
