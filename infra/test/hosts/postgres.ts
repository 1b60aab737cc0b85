/**
 * Main's PostgreSQL in the multi-host test: the embedded server `npm start` runs (scripts/postgres.ts),
 * on this host's loopback only — as in Main's compose file, where it is on no published port. Prints
 * its URL as one JSON line, stops on SIGTERM.
 */
import { readEnv } from '@aula/scripts/env';
import { providePostgres } from '@aula/scripts/postgres';

const home = process.argv[2];
if (!home) throw new Error('usage: postgres.ts <AULA_HOME>');
const env = readEnv(home, { AULA_HOME: home, AULA_EMBEDDED_PG_PORT: '5432' });
const db = await providePostgres(env, (line) => console.error(line));
process.stdout.write(`${JSON.stringify({ url: db.url })}\n`);
process.on('SIGTERM', () => void db.stop().then(() => process.exit(0)));
