import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { metricsText } from './metrics.ts';
import { METRICS_UNAUTHORIZED, metricsAllowed } from './metrics-auth.ts';

export type MetricsServer = { url: string; port: number; close: () => Promise<void> };

/**
 * A small HTTP listener for a process with no web server of its own (the workers): `GET /metrics`
 * answers the Prometheus text, behind the bearer token when one is set; anything else is 404.
 */
export async function startMetricsServer(options: {
  port: number;
  host: string;
  token: string | undefined;
}): Promise<MetricsServer> {
  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res
        .writeHead(404, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: 'Not found: GET /metrics.' }));
      return;
    }
    if (!metricsAllowed(req.headers.authorization, options.token)) {
      res.writeHead(METRICS_UNAUTHORIZED.status, METRICS_UNAUTHORIZED.headers).end(METRICS_UNAUTHORIZED.body);
      return;
    }
    try {
      const { contentType, body } = await metricsText();
      res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body);
    } catch (error) {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ error: `The metrics could not be read: ${(error as Error).message}` }));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  return {
    url: `http://${host}:${port}/metrics`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
