import { beforeAll, describe, expect, inject, it } from 'vitest';
import { adminApi, demoLessonOne, type QuestionKey } from './admin.ts';
import { browserForFile, newContext, screenshot } from './browser.ts';
import { DEMO_PATH, enrol, newStudent, signUp } from './student.ts';

// The quiz page under the default attempt policy (decision 011), in Chromium, in Spanish and English:
// a failed attempt marks the wrong answers and links the section to reread, and shows no key.

const browser = browserForFile();
let key: QuestionKey[];
let explanations: string[];
let lessonPath: string;

beforeAll(async () => {
  const api = await adminApi();
  const lesson = await demoLessonOne(api);
  key = lesson.key;
  lessonPath = `${DEMO_PATH}/lecciones/${lesson.lessonSlug}`;
  const [quiz] = await api.request<{ id: string }[]>(
    'GET',
    `/items/quizzes?filter[lesson][_eq]=${lesson.lessonId}&fields=id`,
  );
  const rows = await api.request<{ explanation: string }[]>(
    'GET',
    `/items/questions?filter[quiz][_eq]=${quiz!.id}&sort=sort,id&fields=explanation&limit=-1`,
  );
  explanations = rows.map((r) => r.explanation);
});

const LANGUAGES = {
  es: {
    question: (n: number) => new RegExp(`^Pregunta ${n} de `),
    submit: 'Enviar respuestas',
    incorrect: 'Incorrecta',
    keyLater: 'Las respuestas correctas y sus explicaciones se muestran cuando superes el cuestionario.',
    rules: 'Tienes 3 intentos.',
    left: 'Te quedan 2 intentos.',
    review: /^Repasa la sección de la lección: /,
    correctAnswer: 'Respuesta correcta:',
  },
  en: {
    question: (n: number) => new RegExp(`^Question ${n} of `),
    submit: 'Submit answers',
    incorrect: 'Incorrect',
    keyLater: 'The correct answers and their explanations are shown once you pass.',
    rules: 'You have 3 attempts.',
    left: '2 attempts left.',
    review: /^Review this section of the lesson: /,
    correctAnswer: 'Correct answer:',
  },
} as const;

describe('the quiz page under the default policy', () => {
  it.each(Object.keys(LANGUAGES) as (keyof typeof LANGUAGES)[])(
    '(%s) a failed attempt marks each wrong answer and links its section, and shows no key',
    async (locale) => {
      const words = LANGUAGES[locale];
      const context = await newContext(browser());
      const page = await context.newPage();
      await signUp(page, newStudent(`Quiz ${locale}`));
      await enrol(page, DEMO_PATH);
      await context.addCookies([{ name: 'aula_locale', value: locale, url: inject('web').url }]);
      await page.goto(lessonPath);
      await page.getByText(words.rules, { exact: false }).waitFor();

      for (const [index, question] of key.entries()) {
        const group = page.getByRole('group', { name: words.question(index + 1) });
        await group.getByLabel(question.options[(question.correct + 1) % 4]!, { exact: true }).check();
      }
      await page.getByRole('button', { name: words.submit }).click();
      await page.getByText(words.keyLater).waitFor();

      const results = page.locator('.quiz-results > li');
      expect(await results.count()).toBe(key.length);
      expect(await results.getByText(words.incorrect, { exact: true }).count()).toBe(key.length);
      const links = page.locator('.quiz-results').getByRole('link', { name: words.review });
      expect(await links.count()).toBe(key.filter((q) => q.section).length);
      for (const [index, question] of key.entries()) {
        if (!question.section) continue;
        expect(await results.nth(index).getByRole('link').getAttribute('href')).toBe(`#${question.section}`);
        expect(await page.locator(`#lesson-body [id="${question.section}"]`).count()).toBe(1);
      }
      await page.getByText(words.left, { exact: false }).first().waitFor();

      // No key: no explanation, no "correct answer", and no right option anywhere in the results.
      const shown = ((await page.locator('#cuestionario').textContent()) ?? '').toLowerCase();
      for (const explanation of explanations) expect(shown).not.toContain(explanation.toLowerCase());
      expect(shown).not.toContain(words.correctAnswer.toLowerCase());
      const resultText = (await page.locator('.quiz-results').textContent()) ?? '';
      for (const question of key) expect(resultText).not.toContain(question.options[question.correct]!);
      await screenshot(page, `quiz-default-policy-${locale}`);
      await context.close();
    },
  );
});
