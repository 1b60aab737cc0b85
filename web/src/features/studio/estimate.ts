import type { ModelPrice, Provider } from '@aula/domain';

/**
 * What a course request will cost before anyone confirms it: tokens per step, times the lesson
 * count, priced per million tokens. The token counts are assumptions (averages seen with the
 * prompts in `@aula/llm/prompts`, below each step's `maxOutputTokens`), not a promise; the cost
 * cap is what bounds a real run.
 */

/** Tokens one LLM call is assumed to read and write. */
export type StepTokens = { input: number; output: number };

/**
 * Per-step assumptions, written down so they can be checked against real runs:
 * - outline: the prompt (~300 tokens), topic, audience and a short syllabus; the answer lists
 *   modules and, per lesson, a title and objectives (its budget is 600 + 250 per lesson).
 * - lesson: the prompt plus the lesson's brief from the outline; ~1,800 words of Markdown
 *   (budget 4,000).
 * - quiz: the prompt plus the whole lesson text it asks about; four questions with options and
 *   explanations (budget 3,000).
 * - references: found by Browser Use, billed by Browser Use per task, not in LLM tokens.
 */
export const STEP_TOKENS = {
  outline: (lessons: number): StepTokens => ({ input: 700 + 50 * lessons, output: 300 + 200 * lessons }),
  lesson: { input: 1_000, output: 2_500 },
  quiz: { input: 3_000, output: 1_500 },
  references: { input: 0, output: 0 },
} as const;

/** USD per million tokens, as the course API's `GET /aula/providers` answers; `priced: false` when nothing prices the model. */
export type Price = ModelPrice;

/** A provider the request form offers, with the model it uses when none is typed, and its price. */
export type ProviderOption = { provider: Provider; model: string; price: Price };
export type GenerationOptions = {
  /** What a course request that names no provider gets (the course API's default choice). */
  fallback: ProviderOption;
  /** The providers the course API says are configured, each with the model a request naming it gets. */
  providers: ProviderOption[];
};

export type Estimate = {
  lessonCount: number;
  tokensIn: number;
  tokensOut: number;
  /** null when the model's price is unknown. */
  costUsd: number | null;
};

export const MIN_LESSONS = 1;
export const MAX_LESSONS = 20;

/** The lesson count typed in a field, or null when it is not a whole number from 1 to 20. */
export function lessonCountOf(value: string): number | null {
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n >= MIN_LESSONS && n <= MAX_LESSONS ? n : null;
}

export function estimateCourse({ lessonCount, price }: { lessonCount: number; price: Price }): Estimate {
  const outline = STEP_TOKENS.outline(lessonCount);
  const perLesson = [STEP_TOKENS.lesson, STEP_TOKENS.quiz, STEP_TOKENS.references];
  const tokensIn = outline.input + lessonCount * perLesson.reduce((sum, step) => sum + step.input, 0);
  const tokensOut = outline.output + lessonCount * perLesson.reduce((sum, step) => sum + step.output, 0);
  const costUsd = price.priced ? (tokensIn * price.input + tokensOut * price.output) / 1e6 : null;
  return { lessonCount, tokensIn, tokensOut, costUsd };
}
