import { describe, expect, it } from 'vitest';
import { lessonSections, sectionKeywords } from './lesson-sections.ts';

describe('lesson sections for the hotspots', () => {
  it('reads level-2 and level-3 headings outside code, with anchors and keywords', () => {
    const md =
      '# Título\n\n## ¿Qué es una variable?\n\ntexto\n\n```\n## no es un título\n```\n\n### Tipos de datos básicos ##\n';
    expect(lessonSections(md)).toEqual([
      { anchor: 'que-es-una-variable', heading: '¿Qué es una variable?', keywords: ['variable'] },
      { anchor: 'tipos-de-datos-basicos', heading: 'Tipos de datos básicos', keywords: ['tipos', 'datos', 'basicos'] },
    ]);
  });

  it('leaves short and common words out of the keywords', () => {
    expect(sectionKeywords('what-is-a-loop-for-lists')).toEqual(['loop', 'lists']);
    expect(sectionKeywords('para-que-sirve')).toEqual(['sirve']);
  });
});
