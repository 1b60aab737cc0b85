import { describe, expect, it } from 'vitest';
import { checkQuestion, checkQuiz, groundingScore, type QuestionToCheck, spreadCorrectOptions } from './quiz-checks.ts';

const lesson = `Un presupuesto ordena el dinero de cada mes.

## Ingresos y gastos

Anota tus ingresos: el sueldo y cualquier otro dinero que recibes. Después anota los gastos fijos,
como el alquiler, y los gastos variables, como la comida o el ocio.

## El fondo de emergencia

Guarda cada mes una parte de tus ingresos hasta reunir tres meses de gastos. Ese ahorro te protege
ante imprevistos, como una avería o una factura médica.
`;

function question(overrides: Partial<QuestionToCheck> = {}): QuestionToCheck {
  return {
    prompt: '¿Para qué sirve un fondo de emergencia?',
    options: [
      'Para pagar el ocio del mes',
      'Para protegerte ante imprevistos',
      'Para invertir en bolsa',
      'Para el alquiler',
    ],
    correctOption: 1,
    explanation: 'El fondo de emergencia es un ahorro de tres meses de gastos que te protege ante imprevistos.',
    lessonSection: 'el-fondo-de-emergencia',
    ...overrides,
  };
}
const check = (q: QuestionToCheck, earlier: QuestionToCheck[] = []) =>
  checkQuestion(q, { earlier, lessonBody: lesson }).map((f) => f.check);

describe('one correct option', () => {
  it.each([
    ['a key outside the options', { correctOption: 4 }],
    [
      'another option saying the key',
      {
        options: [
          'Para protegerte ante imprevistos.',
          'para protegerte ante imprevistos',
          'Para invertir',
          'Para el alquiler',
        ],
      },
    ],
    [
      '“todas las anteriores”',
      { options: ['Para ahorrar', 'Para protegerte ante imprevistos', 'Para invertir', 'Todas las anteriores'] },
    ],
    ['“None of the above”', { options: ['Saving', 'Protection against surprises', 'Investing', 'None of the above.'] }],
  ])('flags %s', (_, overrides) => {
    expect(check(question(overrides))).toContain('one-correct');
  });

  it('passes a question with one right answer', () => {
    expect(check(question())).toEqual([]);
  });
});

describe('duplicates', () => {
  it('flags two wrong options that say the same, accents and case aside', () => {
    const q = question({
      options: ['Para el ocio', 'Para protegerte ante imprevistos', 'PARA EL ÓCIO', 'Para el alquiler'],
    });
    expect(checkQuestion(q, { earlier: [], lessonBody: lesson })).toContainEqual({
      check: 'duplicate-option',
      items: [1, 3],
    });
  });

  it('does not take options with different numbers for the same', () => {
    const q = question({ options: ['0, 1, 2, 3 y 4', '0, 1, 2, 3, 4 y 5', '1, 2, 3, 4 y 5', 'Solo el 5'] });
    expect(check(q)).not.toContain('duplicate-option');
    expect(check(q)).not.toContain('one-correct');
  });

  it('flags a question that asks what an earlier one asked, in other words order', () => {
    const first = question();
    const again = question({ prompt: '¿Un fondo de emergencia sirve para qué?' });
    expect(checkQuestion(again, { earlier: [first], lessonBody: lesson })).toContainEqual({
      check: 'duplicate-question',
      items: [1],
    });
    expect(check(question({ prompt: '¿Qué gastos son fijos?' }), [first])).not.toContain('duplicate-question');
  });
});

describe('section anchors', () => {
  it.each([['ahorro-e-inversion'], [null], ['']])('flags %s, which is no heading of the lesson', (section) => {
    expect(check(question({ lessonSection: section }))).toContain('section-missing');
  });
});

describe('grounding', () => {
  it('scores the share of the explanation’s content words found in the lesson', () => {
    expect(groundingScore('Guardar tres meses de gastos protege ante imprevistos.', lesson)).toBe(1);
    expect(groundingScore('La bolsa de valores sube con los tipos de interés del banco central.', lesson)).toBeLessThan(
      0.2,
    );
  });

  it('flags an explanation the lesson does not support, with its score', () => {
    const flags = checkQuestion(
      question({ explanation: 'Las criptomonedas duplican su valor cada año según los expertos.' }),
      { earlier: [], lessonBody: lesson },
    );
    expect(flags).toEqual([{ check: 'grounding', score: 0 }]);
    expect(check(question({ explanation: null }))).toContain('grounding');
  });
});

describe('a whole quiz', () => {
  const quiz = [
    question(),
    question({
      prompt: '¿Qué es un gasto variable?',
      options: ['La comida o el ocio', 'El alquiler', 'El sueldo', 'Un ingreso'],
      correctOption: 0,
      explanation: 'Los gastos variables cambian cada mes, como la comida o el ocio.',
      lessonSection: 'ingresos-y-gastos',
    }),
  ];

  it('passes a sound quiz', () => {
    expect(checkQuiz(quiz, lesson)).toEqual({ questions: [[], []], samePosition: false, passed: true });
  });

  it('notices every key in the same place, and spreads them without changing any option', () => {
    const same = quiz.map((q) => spreadCorrectOptions([q])[0]!);
    expect(checkQuiz(same, lesson)).toMatchObject({ samePosition: true, passed: false });
    const spread = spreadCorrectOptions(same);
    expect(checkQuiz(spread, lesson).passed).toBe(true);
    spread.forEach((q, i) => {
      expect(q.options[q.correctOption]).toBe(same[i]!.options[same[i]!.correctOption]);
      expect(q.options.toSorted()).toEqual(same[i]!.options.toSorted());
    });
  });
});
