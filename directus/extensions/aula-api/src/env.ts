import { z } from 'zod';

/**
 * The course API's own settings besides Directus's and the LLM's (those are read by `@aula/llm`):
 * the chat channels. Directus casts its environment (numbers, lists), so every value is read as text.
 */
const ChannelsEnv = z.object({
  /** Chatwoot's address, e.g. https://chat.example.org (no trailing path). */
  AULA_CHATWOOT_URL: z.url().optional(),
  /** An access token for Chatwoot's Application API: the Agent Bot's, or an agent's. */
  AULA_CHATWOOT_API_TOKEN: z.string().min(1).optional(),
  AULA_CHATWOOT_ACCOUNT_ID: z.coerce.number().int().positive().optional(),
  /** The secret in the Agent Bot's webhook URL (`?secret=`) or the `X-Aula-Chatwoot-Secret` header. */
  AULA_CHATWOOT_WEBHOOK_SECRET: z.string().min(16).optional(),
  /** The Chatwoot team a conversation is handed to when the student needs a person. */
  AULA_CHATWOOT_TEAM_ID: z.coerce.number().int().positive().optional(),
  /** The site's public address, for links to lessons in chat answers. */
  AULA_PUBLIC_URL: z.url().optional(),
});

export type ChannelsSettings = {
  chatwoot: { url: string; token: string; accountId: number; secret: string; teamId: number | null } | null;
  publicUrl: string | null;
};

let cached: ChannelsSettings | undefined;

/** The chat channels' settings; `chatwoot` is null (the channel is off) unless URL, token, account and secret are all set. */
export function channelsSettings(env: Record<string, unknown>): ChannelsSettings {
  if (cached) return cached;
  const text = Object.fromEntries(
    Object.keys(ChannelsEnv.shape).map((k) => [k, env[k] == null || env[k] === '' ? undefined : String(env[k])]),
  );
  const e = ChannelsEnv.parse(text);
  const on =
    e.AULA_CHATWOOT_URL && e.AULA_CHATWOOT_API_TOKEN && e.AULA_CHATWOOT_ACCOUNT_ID && e.AULA_CHATWOOT_WEBHOOK_SECRET;
  cached = {
    chatwoot: on
      ? {
          url: e.AULA_CHATWOOT_URL!.replace(/\/+$/, ''),
          token: e.AULA_CHATWOOT_API_TOKEN!,
          accountId: e.AULA_CHATWOOT_ACCOUNT_ID!,
          secret: e.AULA_CHATWOOT_WEBHOOK_SECRET!,
          teamId: e.AULA_CHATWOOT_TEAM_ID ?? null,
        }
      : null,
    publicUrl: e.AULA_PUBLIC_URL ? e.AULA_PUBLIC_URL.replace(/\/+$/, '') : null,
  };
  return cached;
}
