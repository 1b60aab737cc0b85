import { describe, expect, it } from 'vitest';
import { lessonProblems, questionPatch, questionProblems } from './content-edit.ts';

const question = {
  prompt: '¿Qué es un presupuesto?',
  options: ['a', 'b', 'c', 'd'],
  correctOption: 2,
  explanation: '',
};

describe('content edits', () => {
  it.each([
    ['## Hola', {}],
    ['   \n', { body: 'bodyEmpty' }],
    ['x'.repeat(60_001), { body: 'bodyTooLong' }],
  ])('lesson %#', (body, problems) => {
    expect(lessonProblems({ body })).toEqual(problems);
  });

  it.each([
    [{}, {}],
    [{ prompt: ' ' }, { prompt: 'empty' }],
    [{ options: ['a', '', 'c', 'd'] }, { option1: 'empty' }],
    [{ options: ['a', 'b', 'c'] }, { option3: 'empty' }],
    [{ correctOption: 4 }, { correctOption: 'noCorrect' }],
    [{ correctOption: Number.NaN }, { correctOption: 'noCorrect' }],
    [{ explanation: 'x'.repeat(2_001) }, { explanation: 'tooLong' }],
    [{ options: ['a', 'b', 'x'.repeat(301), 'd'] }, { option2: 'tooLong' }],
  ])('question %j → %j', (change, problems) => {
    expect(questionProblems({ ...question, ...change })).toEqual(problems);
  });

  it('trims what it saves, and an empty explanation is none', () => {
    expect(questionPatch({ ...question, prompt: ' P ', options: [' a', 'b ', 'c', 'd'] })).toEqual({
      prompt: 'P',
      options: ['a', 'b', 'c', 'd'],
      correct_option: 2,
      explanation: null,
      check_flags: null,
    });
  });
});
