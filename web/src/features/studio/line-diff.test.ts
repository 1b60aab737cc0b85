import { describe, expect, it } from 'vitest';
import { diffStats, lineDiff, sideBySide } from './line-diff.ts';

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
