/**
 * The bridge CLI's configuration: the only file of this package that reads process.env (the tests
 * pass their own). Every variable is listed in the repository's .env.example.
 */
export type BridgeEnv = {
  /** n8n's base URL. */
  url: string;
  /** A public-API key; without one, the bridge logs in as the owner and creates one. */
  apiKey: string | undefined;
  owner: { email: string; password: string } | undefined;
  /** Values of the credentials the workflows refer to by name, created or replaced at deploy. */
  webhookSecret: string | undefined;
  courseReadySecret: string | undefined;
  /** Where n8n is installed (default ~/.cache/aula/n8n-<lockfile hash>). */
  n8nHome: string | undefined;
};

type Source = Record<string, string | undefined>;

const value = (env: Source, name: string) => {
  const raw = env[name]?.trim();
  return raw ? raw : undefined;
};

export function readBridgeEnv(env: Source = process.env): BridgeEnv {
  const email = value(env, 'N8N_OWNER_EMAIL');
  const password = value(env, 'N8N_OWNER_PASSWORD');
  if ((email === undefined) !== (password === undefined))
    throw new Error('N8N_OWNER_EMAIL and N8N_OWNER_PASSWORD go together: set both or neither');
  const url = (value(env, 'N8N_URL') ?? 'http://127.0.0.1:5678').replace(/\/+$/, '');
  if (!/^https?:\/\//.test(url)) throw new Error(`N8N_URL must be an http(s) URL, got "${url}"`);
  return {
    url,
    apiKey: value(env, 'N8N_API_KEY'),
    owner: email && password ? { email, password } : undefined,
    webhookSecret: value(env, 'AULA_N8N_WEBHOOK_SECRET'),
    courseReadySecret: value(env, 'AULA_COURSE_READY_WEBHOOK_SECRET'),
    n8nHome: value(env, 'AULA_N8N_HOME'),
  };
}

/** Fails with the variable's name when a command needs it. */
export function required<T>(name: string, v: T | undefined): T {
  if (v === undefined) throw new Error(`${name} is not set (see .env.example)`);
  return v;
}
