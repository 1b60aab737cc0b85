import { describe, expect, it } from 'vitest';
import { outlineFor } from './generation-request.ts';

const outline = (lessons: number[], modules = 2) => ({
  title: 'Finanzas',
  summary: 'Un curso práctico.',
  audience: 'Adultos',
  modules: Array.from({ length: modules }, (_, i) => ({ title: `Módulo ${i + 1}`, summary: '' })),
  lessons: lessons.map((module, i) => ({
    module,
    title: `Lección ${i + 1}`,
    objectives: ['Uno uno', 'Dos dos'],
    estimatedMinutes: 10,
  })),
});

describe('outlineFor', () => {
  it('trims a surplus to the first lessons and drops the modules left empty, renumbering the rest', () => {
    const r = outlineFor(3).parse(outline([2, 2, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]));
    expect(r.lessons.map((l) => [l.module, l.title])).toEqual([
      [1, 'Lección 1'],
      [1, 'Lección 2'],
      [1, 'Lección 3'],
    ]);
    expect(r.modules.map((m) => m.title)).toEqual(['Módulo 2']);
  });

  it('refuses a shortfall with a sentence saying how many were asked', () => {
    const r = outlineFor(3).safeParse(outline([1, 2]));
    expect(r.error?.issues.map((i) => i.message)).toEqual(['the outline must have exactly 3 lessons; it had fewer']);
  });

  it('refuses a lesson naming a module that does not exist', () => {
    expect(outlineFor(2).safeParse(outline([1, 3])).success).toBe(false);
    expect(outlineFor(2).safeParse(outline([1, 2])).success).toBe(true);
  });
});
