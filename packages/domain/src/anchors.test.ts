import { describe, expect, it } from 'vitest';
import { headingAnchor, markdownHeadingAnchors } from './anchors.ts';

describe('headingAnchor', () => {
  it.each([
    ['¿Qué es una variable?', 'que-es-una-variable'],
    ['Decisiones con `if`', 'decisiones-con-if'],
    ['  Año  2024 — resumen ', 'ano-2024-resumen'],
    ['Listas, tuplas y diccionarios', 'listas-tuplas-y-diccionarios'],
    ['!!!', ''],
  ])('%s → %s', (text, anchor) => {
    expect(headingAnchor(text)).toBe(anchor);
  });
});

describe('markdownHeadingAnchors', () => {
  it('lists h2/h3 anchors and ignores headings inside code fences', () => {
    const md = ['# Title', '## Uno', 'text', '```python', '## not a heading', '```', '### Dos ##', '#### Tres'].join(
      '\n',
    );
    expect(markdownHeadingAnchors(md)).toEqual(['uno', 'dos']);
  });
});
