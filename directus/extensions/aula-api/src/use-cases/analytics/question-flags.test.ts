import { describe, expect, it } from 'vitest';
import { questionFlags } from './question-flags.ts';

const q = (over: Partial<Parameters<typeof questionFlags>[0]>) => ({
  answered: 20,
  difficulty: 0.6,
  discrimination: 0.3,
  chosen: [12, 4, 2, 2],
  correctOption: 0,
  ...over,
});

describe('questions that look broken', () => {
  it.each([
    ['a sound question', q({}), []],
    ['too few answers to judge', q({ answered: 4, difficulty: 0, discrimination: -1 }), []],
    ['negative discrimination', q({ discrimination: -0.01 }), ['negative_discrimination']],
    ['no discrimination (no spread) is no flag', q({ discrimination: null }), []],
    ['a distractor chosen more than the key', q({ chosen: [6, 7, 4, 3], difficulty: 0.3 }), ['distractor_beats_key']],
    ['a tie with the key is no flag', q({ chosen: [6, 6, 4, 4], difficulty: 0.3 }), []],
    ['too easy', q({ difficulty: 0.96, chosen: [19, 1, 0, 0] }), ['too_easy']],
    ['too hard', q({ difficulty: 0.15, chosen: [3, 5, 6, 6] }), ['distractor_beats_key', 'too_hard']],
  ])('%s', (_, question, flags) => {
    expect(questionFlags(question)).toEqual(flags);
  });
});
