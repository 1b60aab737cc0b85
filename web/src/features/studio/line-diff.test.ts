import { describe, expect, it } from 'vitest';
import { diffStats, lineDiff, sideBySide, wordDiff } from './line-diff.ts';

const ops = (before: string, after: string) =>
  lineDiff(before, after).map(({ op, text }) => `${op === 'same' ? ' ' : op === 'removed' ? '-' : '+'}${text}`);

describe('lineDiff', () => {
  it.each([
    ['a\nb\nc', 'a\nb\nc', [' a', ' b', ' c']],
    ['a\nb\nc', 'a\nx\nc', [' a', '-b', '+x', ' c']],
    ['', 'a\nb', ['+a', '+b']],
    ['a\nb', '', ['-a', '-b']],
    ['a\nb\nc', 'b\nc\nd', ['-a', ' b', ' c', '+d']],
    ['# T\n\nuno\ndos', '# T\n\nuno\ntres\ndos', [' # T', ' ', ' uno', '+tres', ' dos']],
  ])('%j → %j', (before, after, expected) => {
    expect(ops(before, after)).toEqual(expected);
  });

  it('falls back to remove-all/add-all past its size limit', () => {
    expect(lineDiff('a\nb', 'a\nc', 4).map((l) => l.op)).toEqual(['removed', 'removed', 'added', 'added']);
  });

  it('counts removed and added lines', () => {
    expect(diffStats(lineDiff('a\nb\nc', 'a\nx\ny'))).toEqual({ removed: 2, added: 2 });
  });
});

describe('sideBySide', () => {
  const show = (before: string, after: string) =>
    sideBySide(lineDiff(before, after)).map(({ before: b, after: a }) => `${b?.text ?? '·'}|${a?.text ?? '·'}`);
  it.each([
    ['a\nb\nc', 'a\nx\nc', ['a|a', 'b|x', 'c|c']],
    ['p\nq\nr', 'x\ny', ['p|x', 'q|y', 'r|·']],
    ['a', 'a\nb\nc', ['a|a', '·|b', '·|c']],
  ])('%j vs %j', (before, after, rows) => {
    expect(show(before, after)).toEqual(rows);
  });
});

describe('wordDiff', () => {
  const marked = (parts: { text: string; changed: boolean }[]) =>
    parts.map((part) => (part.changed ? `[${part.text}]` : part.text)).join('');

  it.each([
    [
      'Anota los gastos cada semana.',
      'Anota los gastos cada mes.',
      'Anota los gastos cada [semana].',
      'Anota los gastos cada [mes].',
    ],
    ['¿Qué es una variable?', '¿Qué es una función?', '¿Qué es una [variable]?', '¿Qué es una [función]?'],
    ['same line', 'same line', 'same line', 'same line'],
    ['', 'all new', '', '[all new]'],
    ['A. uno (correcta)', 'A. uno', 'A. uno[ (correcta)]', 'A. uno'],
  ])('%s → %s', (before, after, left, right) => {
    const diff = wordDiff(before, after);
    expect(marked(diff.before)).toBe(left);
    expect(marked(diff.after)).toBe(right);
  });

  it('keeps every character of both lines', () => {
    const before = 'Lechugas y rábanos crecen rápido, en 30 días.';
    const after = 'Los rábanos crecen muy rápido: en 25 días.';
    const diff = wordDiff(before, after);
    expect(diff.before.map((p) => p.text).join('')).toBe(before);
    expect(diff.after.map((p) => p.text).join('')).toBe(after);
  });

  it('marks a whole line changed beyond its size limit', () => {
    expect(wordDiff('a b c', 'a b d', 4)).toEqual({
      before: [{ text: 'a b c', changed: true }],
      after: [{ text: 'a b d', changed: true }],
    });
  });
});
