import { isIP } from 'node:net';

/**
 * Production mode: `AULA_ENV=production`, or any start whose servers listen on an address other
 * than loopback. There, every secret and the administrator's credentials must come from the
 * environment: nothing generated, nothing documented, nothing a stranger could guess.
 */
export type Source = Record<string, string | undefined>;

/** Values printed in README / .env.example: known to everyone, so never accepted in production. */
export const DOCUMENTED_DEFAULTS: Record<string, string[]> = {
  AULA_ADMIN_EMAIL: ['admin@example.com'],
  AULA_ADMIN_PASSWORD: ['aula-admin-2026', 'aula-demo-2026'],
};

const SECRETS = [
  'DIRECTUS_KEY',
  'DIRECTUS_SECRET',
  'AULA_GENERATOR_TOKEN',
  'AULA_PIPELINE_TOKEN',
  'AULA_TUTOR_SERVICE_KEY',
] as const;
const MIN_SECRET = 16;
const MIN_PASSWORD = 12;

/** 127.0.0.0/8, ::1 and `localhost`: the only hosts a local (non-production) start may listen on. */
export function isLoopback(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h.startsWith('::ffff:127.');
  return false;
}

export function isProduction(e: Source): boolean {
  return e.AULA_ENV === 'production' || !isLoopback(e.AULA_HOST || '127.0.0.1');
}

const set = (e: Source, name: string) => (e[name] ?? '').trim() !== '';

/** Every reason the environment is not fit for production, one line per variable (empty: fit). */
export function productionProblems(e: Source): string[] {
  const problems: string[] = [];
  const need = (name: string, check?: (value: string) => string | undefined) => {
    if (!set(e, name)) return problems.push(`${name}: not set`);
    const value = e[name] as string;
    if (DOCUMENTED_DEFAULTS[name]?.includes(value)) return problems.push(`${name}: is the documented default`);
    const why = check?.(value);
    if (why) problems.push(`${name}: ${why}`);
  };
  for (const name of SECRETS) {
    need(name, (v) =>
      v.length < MIN_SECRET ? `must be at least ${MIN_SECRET} characters (a random secret)` : undefined,
    );
  }
  need('AULA_ADMIN_EMAIL', (v) => (/^[^@\s]+@[^@\s]+$/.test(v) ? undefined : 'must be an e-mail address'));
  need('AULA_ADMIN_PASSWORD', (v) =>
    v.length < MIN_PASSWORD ? `must be at least ${MIN_PASSWORD} characters` : undefined,
  );
  // A webhook in use needs its secret: the receiver has no other way to tell the call is Aula's.
  if (set(e, 'AULA_COURSE_READY_WEBHOOK_URL')) {
    need('AULA_COURSE_READY_WEBHOOK_SECRET', (v) =>
      v.length < MIN_SECRET ? `must be at least ${MIN_SECRET} characters (a random secret)` : undefined,
    );
  }
  // Verification mails need a mail server; Directus's default (sendmail) is rarely there.
  if (e.AULA_SIGNUP_VERIFY_EMAIL === 'true' && !set(e, 'EMAIL_TRANSPORT')) {
    problems.push('EMAIL_TRANSPORT: not set (AULA_SIGNUP_VERIFY_EMAIL=true sends a mail to every sign-up)');
  }
  // The embedded PostgreSQL's password is generated: production brings its own database.
  if (!set(e, 'DATABASE_URL') && !set(e, 'DB_HOST')) problems.push('DATABASE_URL (or DB_HOST): not set');
  if (e.AULA_ALLOW_REDIS_EVICTION === 'true') {
    problems.push('AULA_ALLOW_REDIS_EVICTION: must not be true (BullMQ would lose jobs)');
  }
  return problems;
}

/** The one message a refused production start prints: why production, and every variable to fix. */
export function productionMessage(e: Source, problems: string[]): string {
  const why =
    e.AULA_ENV === 'production'
      ? 'AULA_ENV=production'
      : `AULA_HOST=${e.AULA_HOST} is not a loopback address, so this is a production start`;
  const names = problems.map((p) => p.slice(0, p.indexOf(':')));
  return [
    `${why}: refusing to start until these variables are set explicitly: ${names.join(', ')}`,
    ...problems.map((p) => `  ${p}`),
    'No generated or documented secret or password is used in production (see .env.example and SECURITY.md).',
  ].join('\n');
}
