import { items, qs } from '@aula/data';
import { QUIZ_AMBIGUITY_PROMPT_VERSION } from '@aula/llm/prompts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, outlineOf, startHarness } from './harness.ts';
import { fixed, good, markdown } from './quiz-fixtures.ts';

// The quiz checks' optional model check (AULA_QUIZ_AMBIGUITY_CHECK=on): one more call per quiz asks
// which questions read two ways; those join the questions the fix call rewrites.
let h: Harness;
beforeAll(async () => {
  h = await startHarness({}, { AULA_QUIZ_AMBIGUITY_CHECK: 'on' });
});
afterAll(() => h?.stop());

const vague = {
  prompt: '¿Qué es mejor para tu dinero?',
  options: ['Ahorrar', 'Anotar los gastos', 'Tener un fondo de emergencia', 'Hacer un presupuesto'],
  correctOption: 3,
  explanation: 'Un presupuesto ordena el dinero de cada mes y te ayuda a decidir mejor.',
  lessonSection: 'ingresos-y-gastos',
};
const isAmbiguityCall = (r: { body: unknown }) =>
  /review the wording of a multiple-choice quiz/.test(JSON.stringify(r.body));
const isFixCall = (r: { body: unknown }) => /You rewrite some questions/.test(JSON.stringify(r.body));

async function questionsOf(courseId: string) {
  const course = await h.admin.request<any>(
    'GET',
    `/items/courses/${courseId}${qs({ fields: ['lessons.quizzes.questions.prompt', 'lessons.quizzes.questions.check_flags', 'lessons.quizzes.questions.sort'] })}`,
  );
  return (course.lessons[0].quizzes[0].questions as any[]).toSorted((a, b) => a.sort - b.sort);
}

function scriptLesson() {
  h.emu.reset();
  h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(1) });
  h.emu.script({ model: 'gpt-4o-mini', body: /write one lesson/ }, { json: { markdown } });
  h.emu.script(
    { model: 'gpt-4o-mini', body: /You write a multiple-choice quiz/ },
    { json: { questions: [good[0], good[1], fixed, vague] } },
  );
}

describe('the optional model check of ambiguous wording', () => {
  it('sends a question the model finds ambiguous to the fix call, which rewrites it', async () => {
    scriptLesson();
    h.emu.script(
      { model: 'gpt-4o-mini', body: /review the wording/ },
      {
        json: {
          questions: [1, 2, 3]
            .map((number) => ({ number, ambiguous: false, reason: '' }))
            .concat({
              number: 4,
              ambiguous: true,
              reason: 'Varias opciones son buenas para el dinero.',
            }),
        },
      },
    );
    const clear = {
      ...vague,
      prompt: '¿Qué ordena el dinero de cada mes?',
      options: ['Un presupuesto', 'Un préstamo', 'Una tarjeta', 'Una factura'],
      correctOption: 0,
    };
    h.emu.script({ model: 'gpt-4o-mini', body: /You rewrite some questions/ }, { json: { questions: [clear] } });

    const { runId, courseId } = await h.generate({ lessonCount: 1 });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('completed');
    expect(h.emu.pendingSteps()).toBe(0);
    expect(h.emu.requests.filter(isAmbiguityCall)).toHaveLength(1);
    const fix = h.emu.requests.filter(isFixCall);
    expect(fix).toHaveLength(1);
    expect(JSON.stringify(fix[0]!.body)).toContain('Question 4: its wording is ambiguous');
    expect((await questionsOf(courseId)).map((q) => [q.prompt, q.check_flags])).toEqual([
      [good[0]!.prompt, null],
      [good[1]!.prompt, null],
      [fixed.prompt, null],
      [clear.prompt, null],
    ]);
    const step = run.steps.find((s: any) => s.kind === 'quiz');
    const { detail } = await items(h.admin, 'generation_steps').get(step.id, { fields: ['detail'] });
    expect(detail).toMatchObject({
      ambiguityPromptVersion: QUIZ_AMBIGUITY_PROMPT_VERSION,
      ambiguous: 1,
      regenerated: 1,
      flagged: 0,
    });
  });

  it('keeps the model’s reason as a flag when the fix call fails, as plain text', async () => {
    scriptLesson();
    h.emu.script(
      { model: 'gpt-4o-mini', body: /review the wording/ },
      { json: { questions: [{ number: 4, ambiguous: true, reason: 'Varias opciones\n\u0007valen <b>también</b>.' }] } },
    );
    h.emu.script(
      { model: 'gpt-4o-mini', body: /You rewrite some questions/ },
      { status: 400, message: 'Invalid request.' },
    );

    const { runId, courseId } = await h.generate({ lessonCount: 1 });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('completed');
    expect(h.emu.requests.filter(isFixCall)).toHaveLength(1);
    const questions = await questionsOf(courseId);
    expect(questions[3].prompt).toBe(vague.prompt);
    expect(questions[3].check_flags).toEqual([{ check: 'ambiguous', note: 'Varias opciones valen <b>también</b>.' }]);
    const step = run.steps.find((s: any) => s.kind === 'quiz');
    const { detail } = await items(h.admin, 'generation_steps').get(step.id, { fields: ['detail'] });
    expect(detail).toMatchObject({ ambiguous: 1, fix: 'failed', flagged: 1 });
  });
});
