import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CourseReadyEvent } from '@aula/domain';
import { DENY_ALL_PRIVATE, OutboundError, readOutboundPolicy } from '@aula/net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postEvent } from './notify-run-ended.ts';

const event: CourseReadyEvent = {
  event: 'run.completed',
  runId: '00000000-0000-4000-8000-000000000001',
  runKind: 'course',
  courseId: '00000000-0000-4000-8000-000000000002',
  courseTitle: 'Álgebra',
  url: null,
  at: new Date().toISOString(),
};

/** The receiver on 127.0.0.1 answers /ok with 200 and /moved with a redirect to /elsewhere. */
const seen: { path: string; secret: string | undefined }[] = [];
let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    seen.push({ path: req.url ?? '', secret: req.headers['x-aula-webhook-secret'] as string | undefined });
    req.resume();
    if (req.url === '/moved') res.writeHead(307, { location: '/elsewhere' }).end();
    else res.writeHead(200).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const env = (allow: string) => ({
  AULA_COURSE_READY_WEBHOOK_SECRET: 'secret-for-tests',
  AULA_OUTBOUND_ALLOW: allow ? readOutboundPolicy(allow) : DENY_ALL_PRIVATE,
});

describe('the course-ready POST goes through the outbound guard', () => {
  it('reaches a receiver on an address AULA_OUTBOUND_ALLOW names', async () => {
    seen.length = 0;
    const res = await postEvent(`${base}/ok`, event, env('127.0.0.1'));
    expect(res.status).toBe(200);
    expect(seen).toEqual([{ path: '/ok', secret: 'secret-for-tests' }]);
  });

  it('refuses a loopback receiver that is not allowed, without connecting', async () => {
    seen.length = 0;
    await expect(postEvent(`${base}/ok`, event, env(''))).rejects.toMatchObject({ code: 'blocked_address' });
    expect(seen).toEqual([]);
  });

  it('never follows a redirect (the event and its secret stay with the configured receiver)', async () => {
    seen.length = 0;
    const error = await postEvent(`${base}/moved`, event, env('127.0.0.1')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutboundError);
    expect(error).toMatchObject({ code: 'too_many_redirects' });
    expect(seen.map((s) => s.path)).toEqual(['/moved']);
  });
});
