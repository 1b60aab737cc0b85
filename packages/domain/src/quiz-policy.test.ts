import { describe, expect, it } from 'vitest';
import { DEFAULT_QUIZ_POLICY, QuizPolicy, quizStanding } from './quiz-policy.ts';

const fail = (score = 40) => ({ score, passed: false });
const pass = (score = 80) => ({ score, passed: true });

describe('quizStanding', () => {
  it.each([
    ['default, nothing submitted', {}, [], { attempts: 0, attemptsLeft: 3, keyShown: false, passed: false }],
    ['default, one failed attempt: no key', {}, [fail()], { attemptsLeft: 2, keyShown: false }],
    ['default, all attempts failed: still no key', {}, [fail(), fail(), fail()], { attemptsLeft: 0, keyShown: false }],
    ['default, passed: key', {}, [fail(), pass()], { keyShown: true, passed: true, score: 80 }],
    ['after each attempt', { revealAnswers: 'after_each_attempt' }, [fail()], { keyShown: true }],
    [
      'after the last attempt, one left',
      { revealAnswers: 'after_last_attempt', maxAttempts: 2 },
      [pass()],
      { keyShown: false, attemptsLeft: 1 },
    ],
    [
      'after the last attempt, none left',
      { revealAnswers: 'after_last_attempt', maxAttempts: 2 },
      [fail(), fail()],
      { keyShown: true, attemptsLeft: 0 },
    ],
    ['unlimited', { maxAttempts: null }, [fail(), fail(), fail(), fail()], { attemptsLeft: null }],
    ['best counts', {}, [pass(90), fail(10)], { score: 90, bestScore: 90, passed: true }],
    ['last counts', { scoreRule: 'last' }, [pass(90), fail(10)], { score: 10, bestScore: 90, passed: false }],
  ] as const)('%s', (_name, overrides, attempts, expected) => {
    const policy = QuizPolicy.parse({ ...DEFAULT_QUIZ_POLICY, ...overrides });
    expect(quizStanding(policy, attempts)).toMatchObject(expected);
  });
});
