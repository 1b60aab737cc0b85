'use client';
import type { QuestionEdit } from '@aula/domain';
import type { ReactNode, Ref } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import type { QuestionField } from '../content-edit.ts';
import { SaveBar } from './edit-parts.tsx';

const OPTIONS = [0, 1, 2, 3] as const;

type Props = {
  ref: Ref<HTMLFieldSetElement>;
  draft: QuestionEdit;
  onChange: (change: Partial<QuestionEdit>) => void;
  problems: Partial<Record<QuestionField, string>>;
  /** The id of a field's control. */
  field: (name: QuestionField) => string;
  status: ReactNode;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
};

/** A question's edit form: prompt, four options, the correct one, an explanation; each problem beside its field. */
export function QuestionForm({ ref, draft, onChange, problems, field, status, saving, onSave, onCancel }: Props) {
  const { t } = useDictionary();
  const e = t.studio.edit;
  const aria = (name: QuestionField) =>
    problems[name] ? { 'aria-invalid': true as const, 'aria-describedby': `${field(name)}-problem` } : {};
  const labelled = (name: QuestionField, label: string, control: ReactNode) => (
    <div key={name} className={problems[name] ? 'field field--invalid' : 'field'}>
      <label htmlFor={field(name)}>{label}</label>
      {problems[name] ? (
        <p id={`${field(name)}-problem`} className="field__problem">
          {problems[name]}
        </p>
      ) : null}
      {control}
    </div>
  );
  return (
    <fieldset ref={ref} className="question-editor">
      <legend>{e.question}</legend>
      {status}
      {labelled(
        'prompt',
        e.prompt,
        <textarea
          id={field('prompt')}
          rows={3}
          value={draft.prompt}
          onChange={(event) => onChange({ prompt: event.target.value })}
          {...aria('prompt')}
        />,
      )}
      {OPTIONS.map((o) => {
        const name = `option${o}` as QuestionField;
        return labelled(
          name,
          e.option(o),
          <input
            id={field(name)}
            value={draft.options[o] ?? ''}
            onChange={(event) => onChange({ options: draft.options.map((v, i) => (i === o ? event.target.value : v)) })}
            {...aria(name)}
          />,
        );
      })}
      {labelled(
        'correctOption',
        e.correct,
        <select
          id={field('correctOption')}
          value={String(draft.correctOption)}
          onChange={(event) => onChange({ correctOption: Number(event.target.value) })}
          {...aria('correctOption')}
        >
          {OPTIONS.map((o) => (
            <option key={o} value={o}>
              {e.option(o)}
            </option>
          ))}
        </select>,
      )}
      {labelled(
        'explanation',
        e.explanation,
        <textarea
          id={field('explanation')}
          rows={3}
          value={draft.explanation}
          onChange={(event) => onChange({ explanation: event.target.value })}
          {...aria('explanation')}
        />,
      )}
      <SaveBar saving={saving} onSave={onSave} onCancel={onCancel} />
    </fieldset>
  );
}
