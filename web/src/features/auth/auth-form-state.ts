import { DirectusError } from '../../shared/directus.ts';
import type { Dictionary } from '../../shared/i18n/dictionary.ts';
import type { FieldProblems } from './auth-input.ts';

export type AuthField = 'name' | 'email' | 'password';

/** What a sign-in or sign-up form shows after a failed submission. Never holds the password. */
export type AuthFormState = {
  /** A sentence for the whole form (announced, and focused). */
  message?: string;
  /** Per-field sentences, shown under each field. */
  problems?: Partial<Record<AuthField, string>>;
  /** Signed up with e-mail verification on: the message says to open the link in the mail. */
  checkEmail?: boolean;
  /** The e-mail is taken: the form offers to sign in with it. */
  emailTaken?: boolean;
  /** What the person typed, to fill the form again (React resets a form after its action). */
  values?: { name?: string; email?: string };
  /** Changes on every submission, so the form knows to move focus. */
  attempt?: number;
};

export function fieldProblems(t: Dictionary, problems: FieldProblems<AuthField>): AuthFormState['problems'] {
  return Object.fromEntries(
    Object.entries(problems).map(([field, problem]) => [field, problem ? t.auth.fieldErrors[problem] : '']),
  );
}

/** A plain sentence for a sign-in or sign-up that Directus refused or could not answer. */
export function authFailureMessage(t: Dictionary, error: unknown): string {
  if (!(error instanceof DirectusError)) throw error;
  switch (error.code) {
    case 'unauthorized':
      return error.reason === 'USER_SUSPENDED' ? t.auth.suspended : t.auth.wrongPassword;
    case 'conflict':
      return t.auth.emailTaken;
    case 'rate_limited':
      return t.auth.rateLimited;
    case 'invalid':
      return t.auth.invalid;
    case 'forbidden':
      return t.auth.closed;
    default:
      return t.auth.unavailable;
  }
}
