'use server';
import { revalidatePath } from 'next/cache';
import { env } from '../../../env.ts';
import { DirectusError } from '../../../shared/directus.ts';
import { goTo } from '../../../shared/edge/redirect.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { startSession } from '../../../shared/session/session-store.ts';
import { type AuthFormState, authFailureMessage, fieldProblems } from '../auth-form-state.ts';
import { parseForm, SignUpInput } from '../auth-input.ts';
import { type SignUpResult, signUp } from './sign-up.ts';

/** The sign-up form: a new Student in Directus, signed in at once (or told to check their e-mail). */
export async function signUpAction(previous: AuthFormState, form: FormData): Promise<AuthFormState> {
  const { t } = await getDictionary();
  const values = { name: String(form.get('name') ?? ''), email: String(form.get('email') ?? '') };
  const attempt = (previous.attempt ?? 0) + 1;
  const parsed = parseForm(SignUpInput, {
    name: form.get('name'),
    email: form.get('email'),
    password: form.get('password'),
  });
  if (!parsed.ok) return { message: t.auth.fixFields, problems: fieldProblems(t, parsed.problems), values, attempt };
  let result: SignUpResult;
  try {
    result = await signUp({ input: parsed.data, verifyEmail: env.AULA_SIGNUP_VERIFY_EMAIL });
  } catch (error) {
    const message = authFailureMessage(t, error);
    if (error instanceof DirectusError && error.code === 'conflict') {
      return { message, emailTaken: true, values, attempt };
    }
    return { message, values, attempt };
  }
  if (result.kind === 'check-email') {
    return { message: t.auth.checkEmail(parsed.data.email), checkEmail: true, values, attempt };
  }
  await startSession(result.tokens);
  revalidatePath('/', 'layout');
  goTo(form.get('next'), '/mis-cursos');
}
