import type { InputHTMLAttributes } from 'react';

type Props = {
  name: string;
  label: string;
  hint?: string | undefined;
  problem?: string | undefined;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id'>;

/** A labelled input whose hint and error are read with it (aria-describedby) and marked invalid when wrong. */
export function FormField({ name, label, hint, problem, ...input }: Props) {
  const hintId = hint ? `${name}-hint` : undefined;
  const problemId = problem ? `${name}-problem` : undefined;
  const describedBy = [problemId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={problem ? 'field field--invalid' : 'field'}>
      <label htmlFor={name}>{label}</label>
      {problem ? (
        <p id={problemId} className="field__problem">
          {problem}
        </p>
      ) : null}
      <input
        id={name}
        name={name}
        aria-invalid={problem ? true : undefined}
        aria-describedby={describedBy}
        {...input}
      />
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
