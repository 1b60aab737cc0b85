'use client';
import Link from 'next/link';
import { useActionState, useEffect, useRef } from 'react';
import { FormField } from '../../../shared/components/form-field.tsx';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import type { AuthField, AuthFormState } from '../auth-form-state.ts';
import { PASSWORD_MIN } from '../auth-input.ts';
import { signInAction } from '../server/sign-in-action.ts';
import { signUpAction } from '../server/sign-up-action.ts';
import { PasswordField } from './password-field.tsx';

const FIELDS: AuthField[] = ['name', 'email', 'password'];

/**
 * The sign-in and sign-up forms. They post to server actions (and still work without JavaScript);
 * after a failed submission focus moves to the first wrong field, or to the message when the whole
 * form was refused, so a screen reader says what went wrong.
 */
export function AuthForm({ mode, next }: { mode: 'sign-in' | 'sign-up'; next: string | null }) {
  const { t } = useDictionary();
  const [state, action, pending] = useActionState<AuthFormState, FormData>(
    mode === 'sign-in' ? signInAction : signUpAction,
    {},
  );
  const formRef = useRef<HTMLFormElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!state.attempt) return;
    const wrong = FIELDS.find((field) => state.problems?.[field]);
    const input = wrong ? formRef.current?.querySelector<HTMLInputElement>(`#${wrong}`) : null;
    (input ?? messageRef.current)?.focus();
  }, [state]);

  const signUp = mode === 'sign-up';
  const other = next ? `?${new URLSearchParams({ next })}` : '';
  return (
    <form ref={formRef} action={action} noValidate className="form">
      {state.message ? (
        <div
          ref={messageRef}
          role={state.checkEmail ? 'status' : 'alert'}
          tabIndex={-1}
          className={state.checkEmail ? 'form__message form__message--done' : 'form__message'}
        >
          <p>{state.message}</p>
          {state.emailTaken ? (
            <p>
              <Link href={`/entrar${other}`}>{t.auth.emailTakenHint}</Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {next ? <input type="hidden" name="next" value={next} /> : null}
      {signUp ? (
        <FormField
          name="name"
          label={t.auth.name}
          autoComplete="name"
          required
          maxLength={80}
          defaultValue={state.values?.name}
          problem={state.problems?.name}
        />
      ) : null}
      <FormField
        name="email"
        type="email"
        label={t.auth.email}
        autoComplete={signUp ? 'email' : 'username'}
        required
        defaultValue={state.values?.email}
        problem={state.problems?.email}
      />
      <PasswordField
        label={t.auth.password}
        autoComplete={signUp ? 'new-password' : 'current-password'}
        required
        minLength={signUp ? PASSWORD_MIN : undefined}
        hint={signUp ? t.auth.passwordHint(PASSWORD_MIN) : undefined}
        problem={state.problems?.password}
      />
      <button type="submit" className="button" aria-disabled={pending || undefined}>
        {pending
          ? signUp
            ? t.auth.signUpPending
            : t.auth.signInPending
          : signUp
            ? t.auth.signUpSubmit
            : t.auth.signInSubmit}
      </button>
    </form>
  );
}
