import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { IncidentStore } from './store.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();

/**
 * The ops agent's read-only HTTP API, for the admin panel (`/admin/incidentes`): `Authorization:
 * Bearer <OPS_API_TOKEN>` on every request (compared in constant time), nothing that acts.
 *
 *   GET /incidents?limit=50   → Incident[] (newest first)
 *   GET /incidents/:id        → { incident, events }
 *   GET /audit?limit=100      → the audit of every action
 */
export async function startOpsApi(o: {
  store: IncidentStore;
  token: string;
  listen: { host: string; port: number };
}): Promise<{ url: string; server: Server; stop: () => Promise<void> }> {
  if (o.token.length < 16) throw new Error('OPS_API_TOKEN is too short (at least 16 characters)');
  const expected = digest(o.token);
  const server = createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    void (async () => {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!given || !timingSafeEqual(digest(given), expected)) return send(401, { error: 'this API needs its token' });
      if (req.method !== 'GET') return send(405, { error: 'read only' });
      const url = new URL(req.url ?? '/', 'http://ops');
      const limit = Math.min(200, Math.max(1, Number(url.searchParams.get('limit') ?? 50) || 50));
      if (url.pathname === '/incidents') return send(200, await o.store.list(limit));
      if (url.pathname === '/audit') return send(200, await o.store.auditLog(limit));
      const m = /^\/incidents\/(\d{1,9})$/.exec(url.pathname);
      if (m) {
        const incident = await o.store.get(Number(m[1]));
        if (!incident) return send(404, { error: 'there is no such incident' });
        return send(200, { incident, events: await o.store.events(incident.id) });
      }
      return send(404, { error: 'there is no such route' });
    })().catch((error: Error) => send(500, { error: error.message }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.listen.port, o.listen.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.listen.port;
  return {
    url: `http://${o.listen.host}:${port}`,
    server,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
