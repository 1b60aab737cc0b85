import { z } from 'zod';

/** Empty variables count as unset, so `DIRECTUS_URL=` in a compose file falls back to the default. */
const unsetIfEmpty = (value: unknown) => (value === '' ? undefined : value);

const Env = z.object({
  /** Where the server reaches Directus (never sent to browsers). */
  DIRECTUS_URL: z.preprocess(
    unsetIfEmpty,
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL, e.g. http://127.0.0.1:8055' })
      .default('http://127.0.0.1:8055')
      .transform((url) => url.replace(/\/+$/, '')),
  ),
});
export type Env = z.infer<typeof Env>;

/** Validates the variables the web app reads; the error names each bad variable and why. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = Env.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new Error(`@aula/web: invalid environment\n${problems.join('\n')}`);
}

// The only place in the web app that reads process.env.
export const env = parseEnv(process.env);
