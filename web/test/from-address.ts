import { request } from 'node:http';

export type Answer = { status: number; headers: Record<string, string | string[] | undefined>; text: string };

/**
 * An HTTP request sent from a chosen loopback address (127.0.0.2, 127.0.0.3, …): to a server on
 * 127.0.0.1 it comes from another machine, trusted as a proxy or not. fetch cannot choose its source.
 */
export function requestFrom(
  localAddress: string,
  url: string,
  { method = 'GET', headers = {}, body }: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers, localAddress, agent: false }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      res.on('error', reject);
    });
    req.setTimeout(30_000, () => req.destroy(new Error(`${method} ${url}: no answer within 30 s`)));
    req.on('error', reject);
    req.end(body);
  });
}

/** `count` requests at once; how many were answered 429. */
export async function burst(count: number, send: (i: number) => Promise<Answer>): Promise<number[]> {
  const answers = await Promise.all(Array.from({ length: count }, (_, i) => send(i)));
  return answers.map((a) => a.status);
}
