import { ApiError } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { codeForStatus, LlmError, retryAfterFromHeaders, toLlmError } from './errors.ts';

describe('error classification', () => {
  it.each([
    [429, 'rate_limited', true],
    [401, 'unauthorized', false],
    [403, 'unauthorized', false],
    [400, 'invalid_request', false],
    [404, 'invalid_request', false],
    [422, 'invalid_request', false],
    [408, 'unavailable', true],
    [500, 'unavailable', true],
    [503, 'unavailable', true],
    [undefined, 'unavailable', true],
  ])('status %s → %s (retryable %s)', (status, code, retryable) => {
    expect(codeForStatus(status)).toBe(code);
    expect(new LlmError(codeForStatus(status), 'x').retryable).toBe(retryable);
  });

  it.each([
    [{ 'retry-after-ms': '250' }, 250],
    [{ 'retry-after': '3' }, 3000],
    [{ 'retry-after-ms': '100', 'retry-after': '3' }, 100],
    [{}, undefined],
  ])('retry headers %o → %s ms', (headers, ms) => {
    expect(retryAfterFromHeaders(new Headers(headers))).toBe(ms);
  });

  it('reads an HTTP-date retry-after', () => {
    const inTwo = new Date(Date.now() + 2000).toUTCString();
    expect(retryAfterFromHeaders(new Headers({ 'retry-after': inTwo }))).toBeGreaterThan(500);
  });

  it('treats a Gemini API_KEY_INVALID 400 as unauthorized', () => {
    const body = {
      error: {
        code: 400,
        message: 'API key not valid.',
        status: 'INVALID_ARGUMENT',
        details: [{ reason: 'API_KEY_INVALID' }],
      },
    };
    const error = toLlmError(new ApiError({ status: 400, message: JSON.stringify(body) }), {
      provider: 'gemini',
      model: 'm',
    });
    expect(error).toMatchObject({ code: 'unauthorized', provider: 'gemini' });
  });

  it('treats anything thrown under an aborted signal as aborted', () => {
    const controller = new AbortController();
    controller.abort();
    expect(toLlmError(new Error('whatever'), { signal: controller.signal }).code).toBe('aborted');
  });
});
