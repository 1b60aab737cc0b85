'use server';
import { revalidatePath } from 'next/cache';
import { goTo } from '../../../shared/edge/redirect.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { login } from '../../../shared/session/directus-auth.ts';
import type { Tokens } from '../../../shared/session/session.ts';
import { startSession } from '../../../shared/session/session-store.ts';
import { homeAfterSignIn } from '../../studio/server/staff.ts';
import { type AuthFormState, authFailureMessage, fieldProblems } from '../auth-form-state.ts';
import { parseForm, SignInInput } from '../auth-input.ts';

/** The sign-in form: Directus checks the password; the tokens go into httpOnly cookies only. */
export async function signInAction(previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const { t } = await getDictionary();
  const values = { email: String(form.get('email') ?? '') };
  const attempt = (previous.attempt ?? 0) + 1;
  const parsed = parseForm(SignInInput, { email: form.get('email'), password: form.get('password') });
  if (!parsed.ok) return { message: t.auth.fixFields, problems: fieldProblems(t, parsed.problems), values, attempt };
  let tokens: Tokens;
  try {
    tokens = await login(parsed.data);
  } catch (error) {
    return { message: authFailureMessage(t, error), values, attempt };
  }
  await startSession(tokens);
  revalidatePath('/', 'layout');
  // An on-site `next` wins; without one, staff land in the studio and students at their courses.
  goTo(form.get('next'), await homeAfterSignIn(tokens.accessToken));
}
