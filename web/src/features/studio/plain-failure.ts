/**
 * What went wrong with a step or a run, as one of a few causes people can act on. The workers store
 * the provider's own message (`openai:gpt-4o-mini: 401 Incorrect API key`, `cost cap reached: …`);
 * the studio says the cause in plain words and keeps that message as a detail.
 */
export const FAILURE_CAUSES = [
  'costCap',
  'siteBudget',
  'unpriced',
  'credentials',
  'rateLimited',
  'providerDown',
  'badOutput',
  'queue',
  'other',
] as const;
export type FailureCause = (typeof FAILURE_CAUSES)[number];

const RULES: [RegExp, FailureCause][] = [
  [/site-wide daily generation budget/i, 'siteBudget'],
  [/no known price/i, 'unpriced'],
  [/cost cap/i, 'costCap'],
  [/job queue|redis/i, 'queue'],
  [/: (401|402|403)\b|api key|unauthori[sz]ed|no provider/i, 'credentials'],
  [/: 429\b|rate.?limit|quota/i, 'rateLimited'],
  [/: (408|5\d\d)\b|unavailable|timed? ?out|ECONNREFUSED|ECONNRESET|fetch failed/i, 'providerDown'],
  [/invalid|schema|JSON|malformed|refus|content.?filter|safety/i, 'badOutput'],
];

export function failureCause(message: string | null | undefined): FailureCause {
  if (!message) return 'other';
  return RULES.find(([pattern]) => pattern.test(message))?.[1] ?? 'other';
}
