import { describe, expect, it } from 'vitest';
import type { Llm, TextStream } from '../types.ts';
import { createLeakGuard } from './leak-guard.ts';
import { tutorInstructions } from './tutor.ts';
import { askedAsTurn, sameData, startTutorAnswer } from './tutor-answer.ts';
import { createTutorContext } from './tutor-context.fixture.ts';

// A model that is never read: only what the call was asked with matters here.
const llm: Pick<Llm, 'streamText'> = {
  streamText: () => {
    const result = new Promise<never>(() => {});
    return { [Symbol.asyncIterator]: async function* () {}, result } as unknown as TextStream;
  },
};
const history = [
  {
    id: '33333333-3333-4333-8333-333333333333',
    role: 'user' as const,
    content: '¿Qué es?',
    status: 'complete' as const,
    createdAt: '2026-12-07T10:00:00.000Z',
  },
];

describe('askedAsTurn', () => {
  const context = createTutorContext();
  const started = startTutorAnswer({ llm, ask: { context, history }, message: 'hola' });

  it('keeps a call the turn asks the same, however its data is ordered', () => {
    const { quiz, ...rest } = context;
    const reordered = JSON.parse(JSON.stringify({ quiz, ...rest }));
    expect(askedAsTurn(started, { context: reordered, history }, 'hola')).toBe(true);
  });

  it.each([
    ['another message', { context, history }, 'adiós'],
    ['another history', { context, history: [] }, 'hola'],
    ['a lesson done since', { context: createTutorContext({ position: 3 }), history }, 'hola'],
    [
      'the quiz submitted since',
      {
        context: createTutorContext({
          quiz: {
            submitted: true,
            title: 'Cuestionario de variables',
            passScore: 70,
            passed: false,
            bestScore: 0,
            attempts: 1,
            keyShown: false,
            latest: { score: 0, results: [] },
          },
        }),
        history,
      },
      'hola',
    ],
  ])('drops a call when the turn says otherwise: %s', (_, turn, message) => {
    expect(askedAsTurn(started, turn, message)).toBe(false);
  });

  it('compares every message when the call does not say its context', () => {
    const { context: _, ...bare } = started;
    expect(askedAsTurn(bare, { context, history }, 'hola')).toBe(true);
    expect(askedAsTurn(bare, { context: createTutorContext({ position: 3 }), history }, 'hola')).toBe(false);
  });
});

describe('sameData', () => {
  it.each([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: '1' }, false],
    [[1, 2], [2, 1], false],
    [{ a: null }, { a: {} }, false],
    [{ a: [] }, { a: {} }, false],
    [{ a: 1 }, { a: 1, b: 2 }, false],
  ])('%j and %j: %s', (a, b, same) => {
    expect(sameData(a, b)).toBe(same);
  });
});

describe('createLeakGuard, one guard after another', () => {
  // Each answer has a marker of its own; the instructions around it are worked out once per text.
  const markers = ['AULA-0123456789ab', 'AULA-fedcba987654'];
  const guards = markers.map((canary) => createLeakGuard(tutorInstructions({ language: 'es', canary }), canary));
  const near = (canary: string) => `internal marker ${canary.replace('-', ' ')} never write this`;

  it("catches a run of the instructions around its own marker, not another answer's", () => {
    expect(guards[1]!.leaks(near(markers[1]!))).toBe(true);
    expect(guards[1]!.leaks(near(markers[0]!))).toBe(false);
    expect(guards[0]!.leaks(near(markers[0]!))).toBe(true);
    expect(guards[0]!.leaks(near(markers[1]!))).toBe(false);
  });

  it('catches a run away from the marker, and lets an ordinary answer through', () => {
    for (const guard of guards) {
      expect(guard.leaks('Sure! "Guide before you tell. Start with a short guiding question or a hint"')).toBe(true);
      expect(guard.leaks('¿Qué crees que guarda la variable `edad`?')).toBe(false);
    }
  });

  it('catches the same runs as the instructions with no marker to mask', () => {
    const instructions = 'one two three four five six seven eight. Marker: M. nine ten eleven twelve thirteen fourteen';
    const guard = createLeakGuard(instructions, 'M');
    expect(guard.leaks('two three four five six seven eight')).toBe(true);
    expect(guard.leaks('eight marker m nine ten eleven twelve')).toBe(true);
    expect(guard.leaks('one two three four five six')).toBe(false);
  });
});
