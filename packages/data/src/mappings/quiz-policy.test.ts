import { DEFAULT_QUIZ_POLICY } from '@aula/domain';
import { describe, expect, it } from 'vitest';
import { quizPolicyOf } from './quiz-policy.ts';

describe('quizPolicyOf', () => {
  it('takes the default for missing columns and refuses unknown values', () => {
    expect(quizPolicyOf({ pass_score: 60 })).toEqual({ ...DEFAULT_QUIZ_POLICY, passScore: 60 });
    expect(quizPolicyOf({ max_attempts: null })).toMatchObject({ maxAttempts: null });
    expect(() => quizPolicyOf({ reveal_answers: 'always' })).toThrow();
    expect(() => quizPolicyOf({ max_attempts: 0 })).toThrow();
  });
});
