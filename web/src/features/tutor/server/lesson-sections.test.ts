import { cutAtWord, lessonSections, trimLesson } from '@aula/llm/prompts';
import { LESSON_BODY } from '@aula/llm/prompts/tutor-fixture';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../shared/markdown/render-markdown.ts';

describe('lessonSections', () => {
  it('splits at headings outside code, with the anchors the lesson page gives them', () => {
    const sections = lessonSections(LESSON_BODY);
    expect(sections.map((s) => s.anchor)).toEqual([
      null,
      'variables-y-nombres',
      'la-funcion-print',
      'variables-y-nombres-2',
    ]);
    expect(sections.map((s) => s.text).join('')).toBe(`${LESSON_BODY}\n`);
    const pageIds = renderMarkdown(LESSON_BODY).headings.map((h) => h.id);
    expect(sections.flatMap((s) => (s.anchor ? [s.anchor] : []))).toEqual(pageIds);
  });
});

describe('cutAtWord', () => {
  it.each([
    ['corto', 10, 'corto'],
    ['una frase bastante larga', 12, 'una frase…'],
    ['palabrasinespacios', 8, '…'],
  ])('%s within %i → %s', (text, max, expected) => {
    const cut = cutAtWord(text, max);
    expect(cut).toBe(expected);
    expect(cut.length).toBeLessThanOrEqual(max);
  });
});

describe('trimLesson', () => {
  const long = ['Intro corta.', ...[1, 2, 3, 4, 5].map((n) => `## Parte ${n}\n\n${`palabra${n} `.repeat(100)}`)].join(
    '\n\n',
  );

  it('leaves a lesson within the budget as it is', () => {
    expect(trimLesson(LESSON_BODY, 10_000)).toBe(LESSON_BODY);
  });

  it('drops whole sections (named, never cut mid-word) to fit the budget', () => {
    const trimmed = trimLesson(long, 2_500);
    expect(trimmed.length).toBeLessThanOrEqual(2_500);
    expect(trimmed).toContain('## Parte 1');
    expect(trimmed).toContain('[Section not included here: Parte 5 (#parte-5)]');
    for (const n of [1, 2, 3, 4, 5]) {
      const kept = trimmed.includes(`## Parte ${n}`);
      // A section is either whole or absent.
      expect(trimmed.split(`palabra${n} `).length - 1).toBe(kept ? 100 : 0);
    }
  });

  it('keeps the sections the student got wrong first', () => {
    const trimmed = trimLesson(long, 2_000, new Set(['parte-4']));
    expect(trimmed).toContain('## Parte 4');
    expect(trimmed.indexOf('Intro corta.')).toBe(0);
  });

  it('cuts at a word only when one section alone is over the budget', () => {
    const trimmed = trimLesson(`${'larguísima '.repeat(300)}`, 100);
    expect(trimmed.length).toBeLessThanOrEqual(100);
    expect(trimmed).toMatch(/^(larguísima )+larguísima…$/);
  });
});
