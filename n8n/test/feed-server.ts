import { createServer, request } from 'node:http';
import { listenOnLoopback } from '@aula/testkit';

export type FeedItem = { title: string; url: string; summary: string; publishedAt: string };

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** RSS 2.0 at /rss.xml and a JSON list at /trends.json (`{items:[…]}`), on 127.0.0.1. */
export async function startFeedServer(feeds: { rss: FeedItem[]; json: unknown[] }) {
  const rss = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Tendencias</title><link>https://example.org/</link><description>Test feed</description>
${feeds.rss
  .map(
    (i) =>
      `<item><title>${xml(i.title)}</title><link>${xml(i.url)}</link><description>${xml(i.summary)}</description><pubDate>${new Date(i.publishedAt).toUTCString()}</pubDate><guid>${xml(i.url)}</guid></item>`,
  )
  .join('\n')}
</channel></rss>`;
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === '/rss.xml') res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(rss);
    else if (req.url === '/trends.json')
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ items: feeds.json }));
    else res.writeHead(404).end();
  });
  const { url, stop } = await listenOnLoopback(server);
  return { url, requests, stop };
}

export type Recorded = {
  method: string;
  path: string;
  headers: Record<string, unknown>;
  body: unknown;
  status: number;
};

/**
 * Stands in front of the course API and forwards everything to it, recording what n8n sent and what
 * Aula answered, so a test can check a request against its contract even before the route exists.
 */
export async function startRecordingProxy(target: string) {
  const recorded: Recorded[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const upstream = request(
      new URL(req.url ?? '/', target),
      { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
      (answer) => {
        const entry: Recorded = {
          method: req.method ?? '',
          path: req.url ?? '',
          headers: req.headers,
          body: parseJson(body.toString('utf8')),
          status: answer.statusCode ?? 0,
        };
        recorded.push(entry);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    upstream.end(body);
  });
  const { url, stop } = await listenOnLoopback(server);
  return { url, recorded, stop };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
