'use client';
import { type InputHTMLAttributes, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';

type Props = {
  label: string;
  hint?: string | undefined;
  problem?: string | undefined;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'id' | 'type'>;

/**
 * The password field (FormField's markup: label, hint and problem read with it) with a "Show" toggle
 * button beside it: pressed (aria-pressed), the password shows as text. Its name stays "Show password"
 * whether pressed or not, so a screen reader says "Show password, toggle button, pressed".
 */
export function PasswordField({ label, hint, problem, ...input }: Props) {
  const { t } = useDictionary();
  const [shown, setShown] = useState(false);
  const hintId = hint ? 'password-hint' : undefined;
  const problemId = problem ? 'password-problem' : undefined;
  const describedBy = [problemId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={problem ? 'field field--invalid' : 'field'}>
      <label htmlFor="password">{label}</label>
      {problem ? (
        <p id={problemId} className="field__problem">
          {problem}
        </p>
      ) : null}
      <div className="password-field">
        <input
          id="password"
          name="password"
          type={shown ? 'text' : 'password'}
          aria-invalid={problem ? true : undefined}
          aria-describedby={describedBy}
          // No spelling or capitalising help on a password shown as text.
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          {...input}
        />
        <button
          type="button"
          className="password-field__toggle"
          aria-pressed={shown}
          aria-controls="password"
          aria-label={t.student.password.showLabel}
          onClick={() => setShown((now) => !now)}
        >
          {t.student.password.show}
        </button>
      </div>
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
