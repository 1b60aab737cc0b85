import { describe, expect, it } from 'vitest';
import { containsPattern, plainWord, searchWords } from './course-search.ts';

describe('searchWords', () => {
  it.each([
    ['Programación', ['programación']],
    ['curso de Python', ['curso', 'python']],
    ['de la', ['de', 'la']],
    ['  C++ y C#  ', ['c++', 'c#']],
    ['node.js.', ['node.js']],
    ['%%%', []],
    ['a b c d e f g h i j', ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']],
  ])('%j → %j', (query, words) => {
    expect(searchWords(query)).toEqual(words);
  });
});

describe('the fallback without unaccent', () => {
  it.each([
    ['Programación', 'programacion'],
    ['ÑANDÚ', 'nandu'],
    ['pingüino', 'pinguino'],
  ])('%s → %s', (word, plain) => {
    expect(plainWord(word)).toBe(plain);
  });

  it('takes LIKE wildcards literally', () => {
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
