import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { type AdminApi, adminApi, createCourse } from './admin.ts';
import { browserForFile, newContext, seriousViolations } from './browser.ts';
import { PHONE, phonePage, screenShot } from './phone.ts';
import { enrol, PASSWORD, signUp } from './student.ts';

// What a newcomer meets first (issue 21), in Chromium, on a desktop and on a phone: the home page's
// welcome, the way in, the password toggle, the focus ring, a lesson's quiz (code in questions, the
// right option when the policy shows it, dates in the reader's language, "mark as read" after it),
// and code blocks (copy, "scrolls sideways"). The tutor on a phone is in tutor-phone.test.ts.

const browser = browserForFile();
const LONG_LINE = `mensaje = "${'una línea de código muy larga que no cabe en la pantalla de un móvil '.repeat(2)}"`;
const BODY = [
  '# Empezamos',
  '',
  'Un programa corto:',
  '',
  '```python',
  'print("hola")',
  '```',
  '',
  '## Una línea larga',
  '',
  '```python',
  LONG_LINE,
  'print(mensaje)',
  '```',
  '',
  'Y eso es todo.',
].join('\n');
const PROMPTS = [
  '¿Qué muestra `print("hola")` en la pantalla?',
  'Cuando escribes `x = 3` en un programa de Python, ¿qué ocurre con el nombre x y con el valor 3 que le das?',
];
const OPTIONS = ['`hola`', 'hola', '`print`', 'Nada'];

let api: AdminApi;
let course: Awaited<ReturnType<typeof createCourse>>;

beforeAll(async () => {
  api = await adminApi();
  course = await createCourse(api, {
    status: 'published',
    lessons: [
      {
        slug: 'empezamos',
        title: 'Empezamos',
        body: BODY,
        quiz: PROMPTS.map((prompt) => ({ prompt, correct: 1 })),
      },
      { slug: 'seguimos', title: 'Seguimos', body: 'Otra lección.' },
    ],
  });
  // This quiz shows the key after each attempt (decision 011), and its options are written with code.
  const [quiz] = await api.request<{ id: string }[]>(
    'GET',
    `/items/quizzes?filter[course][_eq]=${course.id}&fields=id`,
  );
  await api.request('PATCH', `/items/quizzes/${quiz!.id}`, { reveal_answers: 'after_each_attempt' });
  const questions = await api.request<{ id: string }[]>(
    'GET',
    `/items/questions?filter[quiz][_eq]=${quiz!.id}&fields=id&limit=-1`,
  );
  for (const question of questions) await api.request('PATCH', `/items/questions/${question.id}`, { options: OPTIONS });
});
afterAll(async () => {
  await course?.remove();
});

const box = async (page: Page, selector: string) => {
  const found = await page.locator(selector).first().boundingBox();
  if (!found) throw new Error(`${selector} is not shown`);
  return found;
};

describe('the home page and the way in', () => {
  it('(phone) says what Aula is to a visitor, leads with "Crear cuenta", in a compact header', async () => {
    const page = await phonePage(await newContext(browser()));
    await page.goto('/');
    const welcome = page.getByRole('region', { name: 'Aprende a tu ritmo, con un tutor a tu lado' });
    await welcome.waitFor();
    const text = (await welcome.textContent()) ?? '';
    for (const word of ['tutor', 'cuestionario', 'progreso']) expect(text).toContain(word);
    const main = welcome.locator('.button').first();
    expect(await main.textContent()).toBe('Crear cuenta');
    expect(await main.getAttribute('href')).toBe('/registro');
    // On the first screen, under a header of two short rows (it took a third of the screen).
    expect((await box(page, '.welcome .button')).y + 44).toBeLessThanOrEqual(PHONE.height);
    const header = await box(page, 'header.site-header');
    expect(header.height).toBeLessThanOrEqual(100);
    await screenShot(page, 'home-phone');
    expect(await seriousViolations(page)).toEqual([]);

    // Signed-out on a course page: "Crear cuenta" is the main button, on the first screen.
    await page.goto(`/cursos/${course.slug}`);
    const enrolBox = page.locator('.enrol');
    const first = enrolBox.locator('.button').first();
    expect(await first.textContent()).toBe('Crear cuenta');
    expect(await first.getAttribute('href')).toBe(`/registro?next=%2Fcursos%2F${course.slug}`);
    await enrolBox.getByRole('link', { name: 'Entrar para inscribirme' }).waitFor();
    const button = await box(page, '.enrol .button');
    expect(button.y + button.height).toBeLessThanOrEqual(PHONE.height);
    await page.context().close();
  });

  it('(desktop) shows the welcome to visitors only', async () => {
    const context = await newContext(browser());
    const page = await context.newPage();
    await page.goto('/');
    await page.locator('.welcome').waitFor();
    await screenShot(page, 'home-desktop');
    await signUp(page);
    await page.goto('/');
    await page.getByRole('heading', { name: 'Catálogo de cursos' }).waitFor();
    expect(await page.locator('.welcome').count()).toBe(0);
    await context.close();
  });

  it.each([
    ['/entrar', 'es'],
    ['/registro', 'en'],
  ] as const)('%s (%s) has a show-password toggle button, by mouse and keyboard', async (path, locale) => {
    const context = await newContext(browser(), { locale: locale === 'es' ? 'es-ES' : 'en-GB' });
    await context.addCookies([{ name: 'aula_locale', value: locale, url: inject('web').url }]);
    const page = await context.newPage();
    await page.goto(path);
    const label = locale === 'es' ? 'Contraseña' : 'Password';
    const input = page.getByLabel(label, { exact: true });
    await input.fill(PASSWORD);
    const toggle = page.getByRole('button', { name: locale === 'es' ? 'Mostrar contraseña' : 'Show password' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await input.getAttribute('type')).toBe('password');
    await toggle.click();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    expect(await input.getAttribute('type')).toBe('text');
    expect(await input.inputValue()).toBe(PASSWORD);
    await toggle.focus();
    await page.keyboard.press('Space');
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    expect(await input.getAttribute('type')).toBe('password');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it.each(['light', 'dark'] as const)(
    '(%s) the focus ring is its own colour, not the error colour, and clear',
    async (scheme) => {
      const page = await (await newContext(browser(), { colorScheme: scheme })).newPage();
      await page.goto('/entrar');
      await page.locator('body').press('Tab');
      const found = await page.evaluate(() => {
        const style = getComputedStyle(document.activeElement as Element);
        const root = getComputedStyle(document.documentElement);
        const probe = document.createElement('span');
        document.body.append(probe);
        const colour = (value: string) => {
          probe.style.color = value;
          return getComputedStyle(probe).color;
        };
        return {
          outline: style.outlineStyle,
          ring: colour(style.outlineColor),
          danger: colour(root.getPropertyValue('--danger')),
          background: colour(getComputedStyle(document.body).backgroundColor),
        };
      });
      expect(found.outline).toBe('solid');
      expect(found.ring).not.toBe(found.danger);
      expect(contrast(found.ring, found.background)).toBeGreaterThanOrEqual(4.5);
      expect(hueDistance(found.ring, found.danger)).toBeGreaterThan(90);
      await page.context().close();
    },
  );
});

describe('a lesson, its quiz and its code', () => {
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newContext(browser());
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: inject('web').url });
    page = await context.newPage();
    await signUp(page);
    await enrol(page, `/cursos/${course.slug}`);
  });
  afterAll(() => context.close());

  it('puts "Marcar como leída" after the quiz, and shows code in questions as code', async () => {
    const after = await page.evaluate(() => {
      const quiz = document.querySelector('#cuestionario');
      const mark = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Marcar como leída');
      return quiz && mark ? Boolean(quiz.compareDocumentPosition(mark) & Node.DOCUMENT_POSITION_FOLLOWING) : null;
    });
    expect(after).toBe(true);
    const first = page.getByRole('group', { name: /^Pregunta 1 de 2/ });
    expect(await first.locator('legend code').textContent()).toBe('print("hola")');
    expect(await first.locator('legend').textContent()).not.toContain('`');
    expect(await first.locator('.option code').allTextContents()).toEqual(['hola', 'print']);
  });

  it('says which option was right for a wrong answer when the policy shows it, and dates attempts in the reader’s language', async () => {
    for (const n of [1, 2]) {
      await page
        .getByRole('group', { name: new RegExp(`^Pregunta ${n} de 2`) })
        .getByRole('radio')
        .nth(3)
        .check();
    }
    await page.getByRole('button', { name: 'Enviar respuestas' }).click();
    await page.getByText('Has acertado el 0 %').waitFor();
    const results = page.locator('.quiz-results > li');
    expect(await results.count()).toBe(2);
    for (const result of await results.all()) {
      expect(await result.locator('.quiz-result__key').textContent()).toBe('✓Respuesta correcta: hola');
      expect(await result.getByText('Tu respuesta: Nada').count()).toBe(1);
    }
    expect(await results.first().locator('.quiz-result__prompt code').textContent()).toBe('print("hola")');

    await page.reload();
    await page.getByText('Tus intentos').click();
    const time = page.locator('.quiz__history time').first();
    const shown = await time.evaluate((el) => ({
      text: el.textContent,
      expected: new Intl.DateTimeFormat('es', { dateStyle: 'medium', timeStyle: 'short' }).format(
        new Date(el.getAttribute('datetime') ?? ''),
      ),
    }));
    expect(shown.text).toBe(shown.expected);
    expect(shown.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it('copies a code block with one button and says so; a block wider than a phone says it scrolls', async () => {
    const blocks = page.locator('#lesson-body .code-block');
    expect(await blocks.count()).toBe(2);
    await blocks.first().getByRole('button', { name: 'Copiar el código' }).click();
    await blocks.first().getByRole('status').getByText('Copiado').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('print("hola")\n');

    await page.setViewportSize(PHONE);
    const long = blocks.nth(1);
    await expect.poll(() => long.getAttribute('class')).toContain('code-block--scrolls');
    const hint = long.getByText('Desliza para ver más →');
    expect(await hint.isVisible()).toBe(true);
    const describedBy = await long.locator('pre').getAttribute('aria-describedby');
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain(
      'Este código es más ancho que el recuadro',
    );
    expect(await blocks.first().getAttribute('class')).not.toContain('code-block--scrolls');
    expect(await blocks.first().locator('pre').getAttribute('aria-describedby')).toBeNull();
    await long.getByRole('button', { name: 'Copiar el código' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(`${LONG_LINE}\nprint(mensaje)\n`);
  });

  it('(phone) keeps each question title inside its box', async () => {
    await page.setViewportSize(PHONE);
    const questions = page.locator('fieldset.question');
    expect(await questions.count()).toBe(2);
    for (const question of await questions.all()) {
      const [field, legend] = await Promise.all([question.boundingBox(), question.locator('legend').boundingBox()]);
      expect(legend!.y).toBeGreaterThanOrEqual(field!.y + 1);
      expect(legend!.x + legend!.width).toBeLessThanOrEqual(field!.x + field!.width);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await questions.first().scrollIntoViewIfNeeded();
    await screenShot(page, 'quiz-phone');
  });
});

/** WCAG's contrast ratio of two `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const [la, lb] = [luminance(a), luminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}
function channels(colour: string): number[] {
  return (colour.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
}
function luminance(colour: string): number {
  const [r = 0, g = 0, b = 0] = channels(colour).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
/** How far apart two colours' hues are, in degrees (0 to 180). */
function hueDistance(a: string, b: string): number {
  const hue = (colour: string) => {
    const [r = 0, g = 0, b = 0] = channels(colour).map((c) => c / 255);
    const max = Math.max(r, g, b);
    const d = max - Math.min(r, g, b);
    if (d === 0) return 0;
    const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
    return (h * 60 + 360) % 360;
  };
  const diff = Math.abs(hue(a) - hue(b));
  return Math.min(diff, 360 - diff);
}
