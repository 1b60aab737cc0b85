import { z } from 'zod';

/** Why a field was refused; each key has a sentence in the dictionaries (`auth.fieldErrors`). */
export type FieldProblem = 'required' | 'email' | 'passwordTooShort' | 'tooLong';
export type FieldProblems<F extends string> = Partial<Record<F, FieldProblem>>;

export const PASSWORD_MIN = 10;

const text = (max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value : ''),
    z.string().trim().min(1, 'required').max(max, 'tooLong'),
  );
const email = z.preprocess(
  (value) => (typeof value === 'string' ? value.trim().toLowerCase() : ''),
  z.string().min(1, 'required').max(254, 'tooLong').pipe(z.email('email')),
);
const password = (min: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value : ''),
    z.string().min(1, 'required').min(min, 'passwordTooShort').max(128, 'tooLong'),
  );

export const SignInInput = z.object({ email, password: password(1) });
export type SignInInput = z.output<typeof SignInInput>;

export const SignUpInput = z.object({ name: text(80), email, password: password(PASSWORD_MIN) });
export type SignUpInput = z.output<typeof SignUpInput>;

/** Parses a form; on failure, the first problem of each field (the messages above are the keys). */
export function parseForm<S extends z.ZodObject>(
  schema: S,
  form: Record<string, unknown>,
): { ok: true; data: z.output<S> } | { ok: false; problems: FieldProblems<Extract<keyof z.output<S>, string>> } {
  const result = schema.safeParse(form);
  if (result.success) return { ok: true, data: result.data };
  const problems: Record<string, FieldProblem> = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '');
    problems[field] ??= issue.message as FieldProblem;
  }
  return { ok: false, problems: problems as FieldProblems<Extract<keyof z.output<S>, string>> };
}
