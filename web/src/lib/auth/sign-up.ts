import 'server-only';
import { DirectusError } from '../directus.ts';
import type { Tokens } from '../session.ts';
import type { SignUpInput } from './auth-input.ts';
import { login, register } from './directus-auth.ts';

/**
 * Creates a student account and signs it in. Directus answers a sign-up for an e-mail that already
 * has an account exactly like a new one (it does not reveal who is registered), so the sign-in that
 * follows is what tells: a fresh account always accepts the password it was just given. A taken
 * e-mail is a `conflict` with reason `EMAIL_TAKEN`.
 */
export async function signUp({ input }: { input: SignUpInput }): Promise<Tokens> {
  await register({ email: input.email, password: input.password, firstName: input.name });
  try {
    return await login({ email: input.email, password: input.password });
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
