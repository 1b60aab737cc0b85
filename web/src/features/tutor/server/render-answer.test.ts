import { describe, expect, it } from 'vitest';
import { renderAnswer } from './render-answer.ts';

describe('renderAnswer', () => {
  it.each([
    [
      'a script (shown as text)',
      'Hola <script>alert(1)</script> fin',
      '<p>Hola &lt;script&gt;alert(1)&lt;/script&gt; fin</p>\n',
    ],
    ['a javascript: link', 'Pulsa [aquí](javascript:alert(1)) ya', '<p>Pulsa aquí ya</p>\n'],
    ['a JavaScript: link with spaces', '[x]( JavaScript:alert(1))', '<p>x</p>\n'],
    ['a data: link', '[x](data:text/html,hi)', '<p>x</p>\n'],
    ['an image from another host', '![p](https://evil.example/p.png)', '<p></p>\n'],
    [
      'a handler (raw HTML is shown as text)',
      '<b onclick="x()">ok</b>',
      '<p>&lt;b onclick="x()"&gt;ok&lt;/b&gt;</p>\n',
    ],
    [
      'an unclosed comment that would hide the rest',
      'Mira <!-- esto\n\nY sigue.',
      '<p>Mira &lt;!-- esto</p>\n<p>Y sigue.</p>\n',
    ],
  ])('neutralises %s', (_, markdown, html) => {
    expect(renderAnswer(markdown)).toBe(html);
  });

  it('keeps citations of the lesson as links', () => {
    expect(renderAnswer('Mira [Variables](#variables-y-nombres).')).toBe(
      '<p>Mira <a href="#variables-y-nombres">Variables</a>.</p>\n',
    );
  });
});
