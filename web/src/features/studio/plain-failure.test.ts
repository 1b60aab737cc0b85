import { describe, expect, it } from 'vitest';
import { failureCause } from './plain-failure.ts';

describe('failureCause', () => {
  it.each([
    ['outline step failed: cost cap reached: US$0.0100 spent, cap US$0.01', 'costCap'],
    [
      'lesson step failed: openai:gpt-4o-mini: refused before the call (site-wide daily generation budget reached: US$0.0100 spent)',
      'siteBudget',
    ],
    [
      'outline step failed: openai:gpt-x: refused before the call (no known price for openai:gpt-x, and a spending cap applies (cost cap))',
      'unpriced',
    ],
    ['openai:gpt-4o-mini: 401 Incorrect API key provided', 'credentials'],
    ['groq:llama-3.1-8b-instant: 429 Rate limit reached', 'rateLimited'],
    ['openai:gpt-4o-mini: 503 The server is overloaded', 'providerDown'],
    ['gemini:gemini-2.5-flash: connect ECONNREFUSED 127.0.0.1:11434', 'providerDown'],
    ['lesson step failed: the answer was not valid JSON', 'badOutput'],
    ['The job queue (Redis) was unavailable; nothing was generated. Try again.', 'queue'],
    ['Not queued: the job queue (Redis) did not answer, so nothing was generated. Retry the run.', 'queue'],
    ['something nobody expected', 'other'],
    [null, 'other'],
  ])('%s → %s', (message, cause) => {
    expect(failureCause(message)).toBe(cause);
  });
});
