import { createLogger } from '@aula/telemetry/log';
import { env } from '../env.ts';

/** The server's JSON log lines (pino; LOG_LEVEL): route handlers, actions, the middleware and server.ts. */
export const log = createLogger({ name: 'aula-web', level: env.LOG_LEVEL });
