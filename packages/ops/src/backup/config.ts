/**
 * The configuration part of a full backup: the environment's settings without its secrets, so a
 * restore knows how the server was set up (ports, addresses, providers, limits) and which secrets
 * it must be given again. A secret never lands in a backup: names that look secret are listed
 * without their value, and credentials inside URLs are cut out.
 */
export type ConfigPart = {
  /** Settings with their values (URLs with their credentials removed). */
  settings: Record<string, string>;
  /** Secret settings that were set: their names only, to be provided again on restore. */
  secrets: string[];
};

const SECRET_NAME = /KEY|SECRET|PASSWORD|PASSWD|PASS$|TOKEN|CREDENTIAL|PRIVATE|COOKIE|SALT|AUTH|DSN/i;

/** The settings a backup keeps: Aula's, Directus's, n8n's and the services', not the shell's (PATH, HOME…). */
const SETTING_NAME =
  /^(AULA_\w+|DB_\w+|DATABASE_URL|REDIS_\w+|N8N_\w+|EMAIL_\w+|DIRECTUS_\w+|LOG_LEVEL|NODE_ENV|PUBLIC_URL|LLM_\w+|OPENAI_\w+|ANTHROPIC_\w+|GEMINI_\w+|GOOGLE_\w+|OPENROUTER_\w+|MISTRAL_\w+|GROQ_\w+|DEEPSEEK_\w+|BROWSER_USE_\w+|POSTGRES_\w+|GENERIC_TIMEZONE|TZ)$/;

export const isSecretName = (name: string) => SECRET_NAME.test(name);

/** A value with any URL credentials (user:password@, ?password=…, ?token=…) removed. */
export function withoutCredentials(value: string): string {
  return value
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@]+@/gi, '$1')
    .replace(/([?&][^=&\s]*(?:key|secret|password|token|auth)[^=&\s]*=)[^&\s]*/gi, '$1REDACTED');
}

export function configPart(env: Record<string, string | undefined>): ConfigPart {
  const settings: Record<string, string> = {};
  const secrets: string[] = [];
  for (const name of Object.keys(env).sort()) {
    const value = env[name];
    if (value === undefined || value === '' || !SETTING_NAME.test(name)) continue;
    if (isSecretName(name)) secrets.push(name);
    else settings[name] = withoutCredentials(value);
  }
  return { settings, secrets };
}
