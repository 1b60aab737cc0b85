import 'server-only';
import { DirectusError } from '../../../shared/directus.ts';
import { login, register } from '../../../shared/session/directus-auth.ts';
import type { Tokens } from '../../../shared/session/session.ts';
import type { SignUpInput } from '../auth-input.ts';

/** Signed in at once, or (with e-mail verification on) waiting for the link in the mail. */
export type SignUpResult = { kind: 'signed-in'; tokens: Tokens } | { kind: 'check-email' };

/**
 * Creates a student account and signs it in. With e-mail verification on, the account cannot sign in
 * before its link is opened: the person is told to check their mail (also when the e-mail was
 * already registered, so the answer tells nobody who has an account). Directus answers a sign-up for an e-mail that already
 * has an account exactly like a new one (it does not reveal who is registered), so the sign-in that
 * follows is what tells: a fresh account always accepts the password it was just given. A taken
 * e-mail is a `conflict` with reason `EMAIL_TAKEN`.
 */
export async function signUp({
  input,
  verifyEmail,
}: {
  input: SignUpInput;
  verifyEmail: boolean;
}): Promise<SignUpResult> {
  await register({ email: input.email, password: input.password, firstName: input.name });
  if (verifyEmail) return { kind: 'check-email' };
  try {
    return { kind: 'signed-in', tokens: await login({ email: input.email, password: input.password }) };
  } catch (error) {
    if (error instanceof DirectusError && error.code === 'unauthorized') {
      throw new DirectusError('conflict', `sign-up: ${input.email} already has an account`, {
        reason: 'EMAIL_TAKEN',
        cause: error,
      });
    }
    throw error;
  }
}
