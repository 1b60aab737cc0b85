import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchOutbound, type OutboundRequest } from './fetch-outbound.ts';
import type { Resolver } from './guarded-lookup.ts';
import { OutboundError } from './outbound-error.ts';
import { DENY_ALL_PRIVATE, readOutboundPolicy } from './outbound-policy.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
type Local = { url: string; port: number; hits: string[]; stop: () => Promise<void> };

/** A web server on a loopback address that records what reached it. */
async function serve(host: string, handler: Handler): Promise<Local> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url} ${req.headers['x-secret'] ?? ''}`.trim());
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    port,
    hits,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Names in tests resolve from this table; nothing asks real DNS. */
const table =
  (entries: Record<string, string[]>): Resolver =>
  async (hostname) => {
    const addresses = entries[hostname];
    if (!addresses) throw Object.assign(new Error(`no such name ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

// "Public" stands in on 127.0.0.2, the only address the tests allow; "inside" on 127.0.0.1 plays
// an internal service (an admin port, the metadata service) that must never be reached.
let publicSite: Local;
let inside: Local;
const allowPublic = readOutboundPolicy('127.0.0.2');
const resolve = table({
  'news.example': ['127.0.0.2'],
  'other.example': ['127.0.0.2'],
  'intranet.example': ['127.0.0.1'],
  'mixed.example': ['127.0.0.2', '127.0.0.1'],
  'metadata.example': ['169.254.169.254'],
  'v6.example': ['::1'],
});
const get = (url: string, options: Partial<OutboundRequest> = {}) =>
  fetchOutbound(url, { policy: allowPublic, resolve, timeoutMs: 2_000, ...options });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable('the request must fail'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(OutboundError);
      return error as OutboundError;
    },
  );

beforeAll(async () => {
  inside = await serve('127.0.0.1', (_req, res) => res.end('secret inside'));
  publicSite = await serve('127.0.0.2', (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const to = url.searchParams.get('to');
    const n = Number(url.searchParams.get('n') ?? 0);
    switch (url.pathname) {
      case '/page':
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<title>Página</title>');
        return;
      case '/latin1':
        res.writeHead(200, { 'content-type': 'text/html; charset=iso-8859-1' }).end(Buffer.from('Canción', 'latin1'));
        return;
      case '/redirect':
        res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: to ?? '/page' }).end();
        return;
      case '/chain':
        res.writeHead(302, { location: n >= 2 ? '/page' : `/chain?n=${n + 1}` }).end();
        return;
      case '/echo':
        res.writeHead(200, { 'content-type': 'text/plain' }).end(`${req.method} ${req.headers['x-secret'] ?? '-'}`);
        return;
      case '/big':
        res.writeHead(200, { 'content-type': 'text/plain' }).end(Buffer.alloc(2 * 1024 * 1024, 'a'));
        return;
      case '/bomb':
        res
          .writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' })
          .end(gzipSync(Buffer.alloc(32 * 1024 * 1024)));
        return;
      case '/silent':
        return; // never answers
      case '/drip': {
        // slow loris: headers at once, then one byte every 50 ms, forever
        res.writeHead(200, { 'content-type': 'text/html' });
        const timer = setInterval(() => res.write('a'), 50);
        res.on('close', () => clearInterval(timer));
        return;
      }
      default:
        res.writeHead(404).end();
    }
  });
});
afterAll(async () => {
  await publicSite?.stop();
  await inside?.stop();
});

describe('fetchOutbound: addresses', () => {
  it('fetches a page on an allowed address, through a name', async () => {
    const res = await get(`http://news.example:${publicSite.port}/page`);
    expect(res).toMatchObject({ status: 200, truncated: false, url: `http://news.example:${publicSite.port}/page` });
    expect(res.text()).toBe('<title>Página</title>');
  });

  it.each([
    ['a loopback IP literal', () => `${inside.url}/`],
    ['IPv6 loopback', () => `http://[::1]:${inside.port}/`],
    ['IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${inside.port}/`],
    ['a decimal IPv4 literal (2130706433 = 127.0.0.1)', () => `http://2130706433:${inside.port}/`],
    ['a hex IPv4 literal', () => `http://0x7f.0.0.1:${inside.port}/`],
    ['0.0.0.0', () => `http://0.0.0.0:${inside.port}/`],
    ['the metadata address', () => 'http://169.254.169.254/latest/meta-data/'],
    ['a private address', () => 'http://10.0.0.1/'],
    ['a CGNAT address', () => 'http://100.64.0.1/'],
    ['a name that resolves to loopback', () => `http://intranet.example:${inside.port}/`],
    ['a name with one private address among public ones', () => `http://mixed.example:${inside.port}/`],
    ['a name that resolves to the metadata address', () => 'http://metadata.example/'],
    ['a name that resolves to IPv6 loopback', () => `http://v6.example:${inside.port}/`],
  ])('refuses %s without connecting', async (_what, url) => {
    const before = inside.hits.length;
    const error = await failure(get(url()));
    expect(error.code).toBe('blocked_address');
    expect(inside.hits.length).toBe(before);
  });

  it('reaches the same loopback name when the policy allows it (the refusal is the guard, not the network)', async () => {
    const res = await get(`http://intranet.example:${inside.port}/`, { policy: readOutboundPolicy('127.0.0.1') });
    expect(res.text()).toBe('secret inside');
  });

  it('refuses loopback with the default policy, even the test servers', async () => {
    const error = await failure(get(`http://news.example:${publicSite.port}/page`, { policy: DENY_ALL_PRIVATE }));
    expect(error.code).toBe('blocked_address');
  });

  it('connects to the address it checked, whatever DNS answers afterwards (no rebinding)', async () => {
    let calls = 0;
    const rebinding: Resolver = async () => {
      calls += 1;
      return [{ address: calls === 1 ? '127.0.0.2' : '127.0.0.1', family: 4 }];
    };
    const before = inside.hits.length;
    const res = await get(`http://rebind.example:${publicSite.port}/page`, { resolve: rebinding });
    expect(res.status).toBe(200);
    expect(calls).toBe(1);
    expect(inside.hits.length).toBe(before);
  });

  it('reports a name that does not resolve', async () => {
    expect((await failure(get('http://nowhere.example/'))).code).toBe('dns_error');
  });

  it.each([
    ['ftp://news.example/file', 'unsupported_scheme'],
    ['file:///etc/passwd', 'unsupported_scheme'],
    ['not a url', 'invalid_url'],
  ])('%s → %s', async (url, code) => {
    expect((await failure(get(url))).code).toBe(code);
  });
});

describe('fetchOutbound: redirects', () => {
  it('follows a chain of redirects, checking every hop', async () => {
    const res = await get(`http://news.example:${publicSite.port}/chain`);
    expect(res.status).toBe(200);
    expect(res.hops).toHaveLength(4); // three redirects, the default limit
  });

  it('stops after maxRedirects', async () => {
    const error = await failure(get(`http://news.example:${publicSite.port}/chain`, { maxRedirects: 2 }));
    expect(error.code).toBe('too_many_redirects');
  });

  it('refuses any redirect with maxRedirects 0', async () => {
    const error = await failure(get(`http://news.example:${publicSite.port}/redirect`, { maxRedirects: 0 }));
    expect(error.code).toBe('too_many_redirects');
  });

  it.each([
    ['127.0.0.1 itself', () => `${inside.url}/`],
    ['localhost', () => `http://localhost:${inside.port}/`],
    ['a name that resolves to loopback', () => `http://intranet.example:${inside.port}/`],
    ['IPv6 loopback', () => `http://[::1]:${inside.port}/`],
    ['the metadata address', () => 'http://169.254.169.254/latest/meta-data/iam/'],
  ])('refuses a redirect from an allowed host to %s', async (_what, target) => {
    const before = inside.hits.length;
    const localhost: Resolver = async (name) =>
      name === 'localhost' ? [{ address: '127.0.0.1', family: 4 }] : resolve(name);
    const error = await failure(
      get(`http://news.example:${publicSite.port}/redirect?to=${encodeURIComponent(target())}`, { resolve: localhost }),
    );
    expect(error.code).toBe('blocked_address');
    expect(inside.hits.length).toBe(before);
  });

  it('refuses a redirect to another scheme', async () => {
    const error = await failure(get(`http://news.example:${publicSite.port}/redirect?to=file:///etc/passwd`));
    expect(error.code).toBe('unsupported_scheme');
  });

  it('drops secret headers on a redirect to another origin, keeps them on the same one', async () => {
    const other = `http://other.example:${publicSite.port}/echo`;
    const secret = { 'x-secret': 's3cret' };
    const away = await get(`http://news.example:${publicSite.port}/redirect?to=${encodeURIComponent(other)}`, {
      headers: secret,
    });
    expect(away.text()).toBe('GET -');
    const same = await get(`http://news.example:${publicSite.port}/redirect?to=/echo`, { headers: secret });
    expect(same.text()).toBe('GET s3cret');
  });

  it('turns a POST into a GET after a 303, keeps it after a 307', async () => {
    const post = (status: number) =>
      get(`http://news.example:${publicSite.port}/redirect?status=${status}&to=/echo`, { method: 'POST', body: 'x' });
    expect((await post(303)).text()).toBe('GET -');
    expect((await post(307)).text()).toBe('POST -');
  });
});

describe('fetchOutbound: size and time', () => {
  it('fails a body over maxBytes', async () => {
    const error = await failure(get(`http://news.example:${publicSite.port}/big`, { maxBytes: 1024 * 1024 }));
    expect(error.code).toBe('too_large');
  });

  it('or keeps the first maxBytes when asked to truncate', async () => {
    const res = await get(`http://news.example:${publicSite.port}/big`, { maxBytes: 1000, truncate: true });
    expect(res).toMatchObject({ truncated: true });
    expect(res.body.byteLength).toBe(1000);
  });

  it('counts decompressed bytes (a gzip bomb stops at the limit)', async () => {
    const error = await failure(get(`http://news.example:${publicSite.port}/bomb`, { maxBytes: 1024 * 1024 }));
    expect(error.code).toBe('too_large');
  });

  it('gives up on a server that never answers', async () => {
    const started = Date.now();
    const error = await failure(get(`http://news.example:${publicSite.port}/silent`, { timeoutMs: 300 }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('gives up on a body that trickles in (slow loris) at the deadline of the whole exchange', async () => {
    const started = Date.now();
    const error = await failure(get(`http://news.example:${publicSite.port}/drip`, { timeoutMs: 500 }));
    expect(error.code).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('stops when the caller aborts', async () => {
    const error = await failure(
      get(`http://news.example:${publicSite.port}/silent`, { signal: AbortSignal.timeout(100), timeoutMs: 5_000 }),
    );
    expect(error.code).toBe('aborted');
  });

  it('decodes the body in the charset the response names', async () => {
    expect((await get(`http://news.example:${publicSite.port}/latin1`)).text()).toBe('Canción');
  });
});
