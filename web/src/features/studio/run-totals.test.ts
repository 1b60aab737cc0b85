import { describe, expect, it } from 'vitest';
import { runTotals } from './run-totals.ts';

const run = (provider: string | null, over: Partial<Parameters<typeof runTotals>[0][number]> = {}) => ({
  provider,
  tokensIn: 100,
  tokensOut: 50,
  costUsd: 0.01,
  createdAt: '2026-01-01T10:00:00Z',
  finishedAt: '2026-01-01T10:00:30Z',
  ...over,
});

describe('runTotals', () => {
  it('sums runs, finished durations, tokens and cost per provider, dearest first, none last', () => {
    const totals = runTotals([
      run('openai'),
      run(null, { tokensIn: 0, tokensOut: 0, costUsd: 0, finishedAt: null }),
      run('groq', { costUsd: 0.5, finishedAt: '2026-01-01T10:02:00Z' }),
      run('openai', { tokensIn: 1_000, finishedAt: null }),
    ]);
    expect(totals).toEqual([
      { provider: 'groq', runs: 1, seconds: 120, tokensIn: 100, tokensOut: 50, costUsd: 0.5 },
      { provider: 'openai', runs: 2, seconds: 30, tokensIn: 1_100, tokensOut: 100, costUsd: 0.02 },
      { provider: null, runs: 1, seconds: 0, tokensIn: 0, tokensOut: 0, costUsd: 0 },
    ]);
  });

  it('is empty for no runs', () => {
    expect(runTotals([])).toEqual([]);
  });
});
