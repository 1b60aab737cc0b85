/**
 * The web site's server: Next's request handler behind the one place that decides who is calling.
 * Every request's X-Forwarded-For/-Host/-Proto are rewritten here from the connection and the proxies
 * trusted in AULA_TRUSTED_PROXIES (none by default), so the pages, actions and route handlers
 * behind, and Directus after them, never see what a browser made up. `next start` is not used: it
 * keeps a browser's X-Forwarded-For as it came.
 *
 *   node server.ts [-H 127.0.0.1] [-p 3000]
 */
import { createServer, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import next from 'next';
import { env } from './src/env.ts';
import { markEdge } from './src/shared/edge/edge-marker.ts';
import { compileTrust, resolveCaller, type Trust } from './src/shared/edge/trusted-proxies.ts';
import { log } from './src/shared/log.ts';

/** Headers only the edge writes: anything a caller sent under these names is dropped first. */
const FORWARDING_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
];

function rewriteForwarding(request: IncomingMessage, trust: Trust): void {
  const caller = resolveCaller({
    remoteAddress: request.socket.remoteAddress ?? '',
    encrypted: 'encrypted' in request.socket && request.socket.encrypted === true,
    headers: request.headers,
    trust,
  });
  for (const name of FORWARDING_HEADERS) delete request.headers[name];
  request.headers['x-forwarded-for'] = caller.ip;
  if (caller.host) request.headers['x-forwarded-host'] = caller.host;
  request.headers['x-forwarded-proto'] = caller.https ? 'https' : 'http';
}

const { values } = parseArgs({
  options: { hostname: { type: 'string', short: 'H' }, port: { type: 'string', short: 'p' } },
});
const hostname = values.hostname ?? '127.0.0.1';
const port = Number(values.port ?? '3000');
const dir = fileURLToPath(new URL('.', import.meta.url));

const trust = compileTrust(env.AULA_TRUSTED_PROXIES);
const app = next({ dev: false, dir, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();
markEdge();
const server = createServer((request, response) => {
  rewriteForwarding(request, trust);
  void handle(request, response);
});
server.listen(port, hostname, () => {
  log.info({ hostname, port }, `aula web: listening on http://${hostname}:${port}`);
});
const stop = () => {
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  // A tutor answer still streaming keeps its connection open: it does not hold the exit for long.
  setTimeout(() => process.exit(0), 5_000).unref();
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
