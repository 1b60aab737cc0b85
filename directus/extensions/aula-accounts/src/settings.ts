/** The account protection's settings, read once from Directus's environment (see .env.example). */
export type AccountSettings = {
  /** Failed sign-ins of one account from one address before delays start. */
  pairFreeFailures: number;
  /** Failed sign-ins from one address (any accounts) before delays start. */
  addressFreeFailures: number;
  /** Failed sign-ins of one account (any addresses) before delays start: slows a distributed attack. */
  accountFreeFailures: number;
  /** The first delay; each further failure doubles it, up to maxDelaySeconds. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** How long failures are remembered, counted from the first. */
  windowSeconds: number;
  /** Sign-ups per address per hour, and for the whole site per hour. */
  signUpsPerAddressPerHour: number;
  signUpsPerHour: number;
  /** Requests per second of one signed-in person (counted by user, wherever they are). */
  userRequestsPerSecond: number;
  /** Requests per second without credentials from one address. */
  anonymousRequestsPerSecond: number;
  /** The window both request limits count in (1 s: the numbers above are per second; 10: per 10 s). */
  requestWindowSeconds: number;
};

function positiveInteger(env: Record<string, unknown>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1, got "${raw}"`);
  return value;
}

export function readAccountSettings(env: Record<string, unknown>): AccountSettings {
  const settings = {
    pairFreeFailures: positiveInteger(env, 'AULA_LOGIN_FREE_FAILURES', 5),
    addressFreeFailures: positiveInteger(env, 'AULA_LOGIN_ADDRESS_FREE_FAILURES', 20),
    accountFreeFailures: positiveInteger(env, 'AULA_LOGIN_ACCOUNT_FREE_FAILURES', 50),
    baseDelaySeconds: positiveInteger(env, 'AULA_LOGIN_DELAY_SECONDS', 2),
    maxDelaySeconds: positiveInteger(env, 'AULA_LOGIN_MAX_DELAY_SECONDS', 900),
    windowSeconds: positiveInteger(env, 'AULA_LOGIN_WINDOW_SECONDS', 86_400),
    signUpsPerAddressPerHour: positiveInteger(env, 'AULA_SIGNUP_PER_ADDRESS_PER_HOUR', 5),
    signUpsPerHour: positiveInteger(env, 'AULA_SIGNUP_PER_HOUR', 100),
    userRequestsPerSecond: positiveInteger(env, 'AULA_RATE_LIMIT_USER', 50),
    anonymousRequestsPerSecond: positiveInteger(env, 'AULA_RATE_LIMIT_ANONYMOUS', 50),
    requestWindowSeconds: positiveInteger(env, 'AULA_RATE_LIMIT_WINDOW_SECONDS', 1),
  };
  if (settings.maxDelaySeconds < settings.baseDelaySeconds) {
    throw new Error('AULA_LOGIN_MAX_DELAY_SECONDS must not be below AULA_LOGIN_DELAY_SECONDS');
  }
  return settings;
}

/**
 * The wait after the `failures`-th failure of a key that allows `free` of them: none up to `free`,
 * then base, 2·base, 4·base … capped at max. Delays expire; nothing is ever suspended.
 */
export function delayAfter(failures: number, free: number, settings: AccountSettings): number {
  if (failures < free) return 0;
  const doublings = Math.min(failures - free, 30);
  return Math.min(settings.baseDelaySeconds * 2 ** doublings, settings.maxDelaySeconds);
}
