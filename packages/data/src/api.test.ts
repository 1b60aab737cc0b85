import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApi, DirectusError, rateLimitDelayMs } from './api.ts';

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A server on 127.0.0.1 that answers with Directus's rate-limit error `limited` times, then with data. */
async function rateLimitedServer(limited: number) {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${body}`);
      if (seen.length <= limited) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '0' });
        res.end(JSON.stringify({ errors: [{ message: 'Too many requests, retry after 12ms.' }] }));
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { ok: true } }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  close = () => server.close();
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** A server on 127.0.0.1 that takes requests and never finishes answering (`headers`: sends them, then stalls). */
async function silentServer({ headers }: { headers: boolean }) {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((_req, res) => {
    if (headers) res.writeHead(200, { 'content-type': 'application/json' }).write('{"data":');
  });
  server.on('connection', (socket) => sockets.add(socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  close = () => {
    for (const socket of sockets) socket.destroy();
    server.close();
  };
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('createApi', () => {
  it.each([
    ['never answers', false],
    ['sends headers, then never the rest', true],
  ])('gives up on a Directus that %s, after its timeout', async (_, headers) => {
    const url = await silentServer({ headers });
    const started = performance.now();
    await expect(createApi(url, 't', { timeoutMs: 300 }).request('GET', '/items/courses')).rejects.toThrow(
      '0 /items/courses: no answer within 300 ms',
    );
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('sends a request the rate limiter turned away again, body and all', async () => {
    const { url, seen } = await rateLimitedServer(2);
    expect(await createApi(url, 't').request('POST', '/policies', { name: 'Student' })).toEqual({ ok: true });
    expect(seen).toEqual(Array(3).fill('POST /policies {"name":"Student"}'));
  });

  it('gives up after its retries with the server message', async () => {
    const { url, seen } = await rateLimitedServer(100);
    await expect(createApi(url, undefined, { rateLimitRetries: 2 }).request('GET', '/items/x')).rejects.toThrow(
      '429 /items/x: Too many requests',
    );
    expect(seen.length).toBe(3);
  });

  it("keeps Directus's own code and sentence on the error", async () => {
    const { url } = await rateLimitedServer(100);
    const error = await createApi(url, undefined, { rateLimitRetries: 0 })
      .request('GET', '/items/x')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DirectusError);
    expect(error).toMatchObject({
      status: 429,
      reason: undefined,
      said: 'Too many requests, retry after 12ms.',
      details: [],
    });
  });

  it('waits what Directus asks, at least a little, growing, never more than 5 s', () => {
    expect(rateLimitDelayMs('2', 0)).toBe(2_000);
    expect(rateLimitDelayMs(null, 0)).toBe(50);
    expect(rateLimitDelayMs('0', 3)).toBe(400);
    expect(rateLimitDelayMs('60', 0)).toBe(5_000);
  });

  it('sends through the transport it is given: its fetch, its headers worked out per request', async () => {
    const { url, seen } = await rateLimitedServer(0);
    const sent: { url: string; headers: Record<string, string> }[] = [];
    const api = createApi(url, 'tok', {
      fetch: (to, init) => {
        sent.push({ url: to, headers: init.headers });
        return fetch(to, init);
      },
      headers: ({ method, path }) => ({ 'x-forwarded-for': '203.0.113.9', 'x-seen': `${method} ${path}` }),
    });
    expect(await api.request('GET', '/items/courses', undefined, { headers: { 'cache-control': 'no-store' } })).toEqual(
      {
        ok: true,
      },
    );
    expect(seen).toEqual(['GET /items/courses ']);
    expect(sent).toEqual([
      {
        url: `${url}/items/courses`,
        headers: {
          'x-forwarded-for': '203.0.113.9',
          'x-seen': 'GET /items/courses',
          'cache-control': 'no-store',
          authorization: 'Bearer tok',
        },
      },
    ]);
  });
});
