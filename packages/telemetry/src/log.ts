import { type Logger, pino } from 'pino';

export type { Logger } from 'pino';

import type { LogLevel } from './log-levels.ts';

export { LOG_LEVELS, type LogLevel } from './log-levels.ts';

/**
 * Field names never written as they are: credentials (a header, a token, a key, a password, a cookie)
 * and what people wrote to the tutor or a prompt (personal data). At the top level and one level down
 * (`{ headers: { authorization } }`, `{ request: { messages } }`).
 */
const SECRET_KEYS = [
  'authorization',
  'cookie',
  'set-cookie',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'apiKey',
  'api_key',
  'password',
  'secret',
  'messages',
  'prompt',
  'content',
] as const;
export const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => {
  const k = /^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`;
  const dot = k.startsWith('[') ? '' : '.';
  return [k, `*${dot}${k}`, `headers${dot}${k}`, `*.headers${dot}${k}`];
});

/**
 * A JSON-lines logger (pino) for a runnable: one object per line with `level`, `time`, `name` and
 * `msg`; credentials and personal text are replaced by "[redacted]". `destination` is for tests.
 */
export function createLogger(options: {
  name: string;
  level?: LogLevel;
  destination?: { write(line: string): void };
}): Logger {
  return pino(
    {
      name: options.name,
      level: options.level ?? 'info',
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // Level names, not numbers: people and n8n read these lines too.
      formatters: { level: (label) => ({ level: label }) },
      timestamp: pino.stdTimeFunctions.isoTime,
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    options.destination ?? pino.destination({ sync: true }),
  );
}
