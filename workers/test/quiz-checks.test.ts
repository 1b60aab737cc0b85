import { items, qs } from '@aula/data';
import { QUIZ_FIX_PROMPT_VERSION } from '@aula/llm/prompts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, outlineOf, startHarness } from './harness.ts';
import { fixed, good, markdown, repeated, ungrounded } from './quiz-fixtures.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h?.stop());

describe('the quiz checks in the quiz step', () => {
  it('rewrites the failing questions once in one more call, and keeps what still fails as flags', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(1) });
    h.emu.script({ model: 'gpt-4o-mini', body: /write one lesson/ }, { json: { markdown } });
    h.emu.script(
      { model: 'gpt-4o-mini', body: /You write a multiple-choice quiz/ },
      { json: { questions: [good[0], good[1], repeated, ungrounded] } },
    );
    // The fix call: question 3 comes back sound, question 4 as ungrounded as before.
    h.emu.script(
      { model: 'gpt-4o-mini', body: /You rewrite some questions/ },
      { json: { questions: [fixed, ungrounded] } },
    );

    const { runId, courseId } = await h.generate({ lessonCount: 1 });
    const run = await h.waitForRun(runId);
    expect(run.status, JSON.stringify(run.steps.filter((s: any) => s.error))).toBe('completed');
    expect(h.emu.pendingSteps()).toBe(0);

    // One more call, asking for questions 3 and 4 only, with their problems.
    const fixCalls = h.emu.requests.filter((r) => /You rewrite some questions/.test(JSON.stringify(r.body)));
    expect(fixCalls).toHaveLength(1);
    const asked = JSON.stringify(fixCalls[0]!.body);
    expect(asked).toContain('Question 3: it asks what another question of the quiz already asks');
    expect(asked).toMatch(/Question 4: .*lessonSection is not one of the section anchors.*explanation says things/);
    expect(asked).not.toContain('Question 1:');

    // The step's totals count both calls, and it says what the checks did.
    const quizStep = run.steps.find((s: any) => s.kind === 'quiz');
    const step = await items(h.admin, 'generation_steps').get(quizStep.id, { fields: ['detail', 'tokens_in'] });
    expect(step.detail).toMatchObject({
      questions: 4,
      failedChecks: 2,
      regenerated: 2,
      flagged: 1,
      fix: 'done',
      fixPromptVersion: QUIZ_FIX_PROMPT_VERSION,
    });
    const quizCalls = h.emu.requests.filter((r) =>
      /You write a multiple-choice quiz|You rewrite some questions/.test(JSON.stringify(r.body)),
    );
    expect(quizCalls).toHaveLength(2);

    const course = await h.admin.request<any>(
      'GET',
      `/items/courses/${courseId}${qs({
        fields: [
          'lessons.quizzes.questions.prompt',
          'lessons.quizzes.questions.lesson_section',
          'lessons.quizzes.questions.correct_option',
          'lessons.quizzes.questions.options',
          'lessons.quizzes.questions.check_flags',
          'lessons.quizzes.questions.sort',
        ],
      })}`,
    );
    const questions = (course.lessons[0].quizzes[0].questions as any[]).toSorted((a, b) => a.sort - b.sort);
    expect(questions.map((q) => q.prompt)).toEqual([good[0]!.prompt, good[1]!.prompt, fixed.prompt, ungrounded.prompt]);
    expect(questions.map((q) => q.check_flags)).toEqual([
      null,
      null,
      null,
      [{ check: 'section-missing' }, { check: 'grounding', score: expect.any(Number) }],
    ]);
    expect(questions[3].check_flags[1].score).toBeLessThan(0.5);
    // The unknown anchor is not stored; the flag says why.
    expect(questions[3].lesson_section).toBeNull();
  });

  it('spreads keys that all sit in one place, without a model call', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(1) });
    h.emu.script({ model: 'gpt-4o-mini', body: /write one lesson/ }, { json: { markdown } });
    const sameKey = [good[0]!, good[1]!, fixed].map((q) => {
      const options = [...q.options];
      [options[0], options[q.correctOption]] = [options[q.correctOption]!, options[0]!];
      return { ...q, options, correctOption: 0 };
    });
    const last = {
      ...good[1]!,
      prompt: '¿Qué es el alquiler?',
      options: ['Un gasto fijo', 'Un ingreso', 'Un ahorro', 'Un imprevisto'],
      correctOption: 0,
    };
    h.emu.script(
      { model: 'gpt-4o-mini', body: /You write a multiple-choice quiz/ },
      { json: { questions: [...sameKey, last] } },
    );
    const { runId, courseId } = await h.generate({ lessonCount: 1 });
    expect((await h.waitForRun(runId)).status).toBe('completed');
    expect(h.emu.requests.filter((r) => /You rewrite some questions/.test(JSON.stringify(r.body)))).toHaveLength(0);

    const course = await h.admin.request<any>(
      'GET',
      `/items/courses/${courseId}${qs({ fields: ['lessons.quizzes.questions.correct_option', 'lessons.quizzes.questions.options', 'lessons.quizzes.questions.check_flags', 'lessons.quizzes.questions.sort'] })}`,
    );
    const questions = (course.lessons[0].quizzes[0].questions as any[]).toSorted((a, b) => a.sort - b.sort);
    expect(new Set(questions.map((q) => q.correct_option)).size).toBeGreaterThan(1);
    [...sameKey, last].forEach((q, i) => {
      expect(questions[i].options[questions[i].correct_option]).toBe(q.options[0]);
      expect(questions[i].check_flags).toBeNull();
    });
  });
});
