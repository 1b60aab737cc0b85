import { describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';

function capture(level: Parameters<typeof createLogger>[0]['level'] = 'info') {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ name: 'test', level, destination: { write: (l) => lines.push(JSON.parse(l)) } });
  return { log, lines };
}

describe('createLogger', () => {
  it('writes one JSON object per line with the level name, time and message', () => {
    const { log, lines } = capture();
    log.info({ job: '42' }, 'job done');
    expect(lines).toEqual([
      expect.objectContaining({ level: 'info', name: 'test', msg: 'job done', job: '42', time: expect.any(String) }),
    ]);
    expect(Number.isNaN(Date.parse(lines[0]!.time as string))).toBe(false);
  });

  it('keeps below-level lines out', () => {
    const { log, lines } = capture('warn');
    log.info('not written');
    log.debug('nor this');
    log.warn('written');
    expect(lines.map((l) => l.msg)).toEqual(['written']);
  });

  it.each([
    [{ authorization: 'Bearer abc123' }, 'authorization'],
    [{ headers: { authorization: 'Bearer abc123', 'x-other': 'kept' } }, 'headers.authorization'],
    [{ request: { headers: { cookie: 'session=abc123' } } }, 'request.headers.cookie'],
    [{ token: 'abc123' }, 'token'],
    [{ provider: { apiKey: 'abc123' } }, 'provider.apiKey'],
    [{ messages: [{ role: 'user', content: 'me llamo Ana, abc123' }] }, 'messages'],
    [{ call: { prompt: 'abc123' } }, 'call.prompt'],
  ])('redacts %j', (fields, path) => {
    const { log, lines } = capture();
    log.info(fields, 'something');
    expect(JSON.stringify(lines[0])).not.toContain('abc123');
    const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], lines[0]);
    expect(value).toBe('[redacted]');
  });

  it('writes an error with its message and stack', () => {
    const { log, lines } = capture();
    log.error({ err: new Error('boom') }, 'failed');
    expect(lines[0]).toMatchObject({ level: 'error', err: { message: 'boom', type: 'Error' } });
  });
});
