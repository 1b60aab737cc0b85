import { describe, expect, it } from 'vitest';
import { plainText } from './plain-text.ts';

describe('plainText', () => {
  it.each([
    ['Introducci&oacute;n a Rust', 'Introducción a Rust'],
    ['Introducci&#243;n a Rust', 'Introducción a Rust'],
    ['Introducci&#xF3;n a Rust', 'Introducción a Rust'],
    ['Pan &amp; mantequilla', 'Pan & mantequilla'],
    ['&iquest;Qu&eacute; es?&nbsp;&mdash; gu&iacute;a', '¿Qué es? — guía'],
    ['&amp;oacute; is decoded once', '&oacute; is decoded once'],
    ['<b>Bold</b> <script>alert(1)</script>title', 'Bold title'],
    ['a\u202Eb\u200Bc\u0000d', 'a b c d'],
    ['  many \n\t spaces  ', 'many spaces'],
    ['&unknown; stays', '&unknown; stays'],
  ])('%j → %j', (input, expected) => {
    expect(plainText(input, 200)).toBe(expected);
  });

  it('bounds the length', () => {
    expect(plainText('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
