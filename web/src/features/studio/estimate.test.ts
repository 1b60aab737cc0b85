import { describe, expect, it } from 'vitest';
import { estimateCourse, lessonCountOf, STEP_TOKENS } from './estimate.ts';

const GPT_4O_MINI = { input: 0.15, output: 0.6, priced: true };

describe('estimateCourse', () => {
  it.each([
    // lessons, tokens in, tokens out: outline + lessons × (lesson + quiz + references)
    [1, 750 + 4_000, 500 + 4_000],
    [3, 850 + 12_000, 900 + 12_000],
    [20, 1_700 + 80_000, 4_300 + 80_000],
  ])('%i lessons: %i tokens in, %i out', (lessonCount, tokensIn, tokensOut) => {
    const estimate = estimateCourse({ lessonCount, price: GPT_4O_MINI });
    expect(estimate).toMatchObject({ lessonCount, tokensIn, tokensOut });
    expect(estimate.costUsd).toBeCloseTo((tokensIn * 0.15 + tokensOut * 0.6) / 1e6, 10);
  });

  it('grows with the lesson count', () => {
    const three = estimateCourse({ lessonCount: 3, price: GPT_4O_MINI });
    const four = estimateCourse({ lessonCount: 4, price: GPT_4O_MINI });
    expect(four.tokensIn - three.tokensIn).toBe(
      STEP_TOKENS.lesson.input + STEP_TOKENS.quiz.input + STEP_TOKENS.outline(4).input - STEP_TOKENS.outline(3).input,
    );
    expect(four.costUsd ?? 0).toBeGreaterThan(three.costUsd ?? 0);
  });

  it('keeps the tokens and says nothing about cost for a model without a known price', () => {
    const estimate = estimateCourse({ lessonCount: 2, price: { input: 0, output: 0, priced: false } });
    expect(estimate.costUsd).toBeNull();
    expect(estimate.tokensIn).toBeGreaterThan(0);
  });

  it('costs nothing on a self-hosted model (priced at zero)', () => {
    expect(estimateCourse({ lessonCount: 2, price: { input: 0, output: 0, priced: true } }).costUsd).toBe(0);
  });
});

describe('lessonCountOf', () => {
  it.each([
    ['3', 3],
    [' 20 ', 20],
    ['1', 1],
    ['0', null],
    ['21', null],
    ['2.5', null],
    ['-1', null],
    ['', null],
    ['tres', null],
  ])('%j → %s', (value, expected) => {
    expect(lessonCountOf(value)).toBe(expected);
  });
});
