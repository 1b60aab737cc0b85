import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { InlineCode } from './inline-code.tsx';

const html = (text: string) => renderToStaticMarkup(createElement(InlineCode, { text }));

describe('InlineCode', () => {
  it.each([
    ['plain text', 'Sin código.', 'Sin código.'],
    [
      'one span',
      '¿Qué muestra `print("hola")`?',
      '¿Qué muestra <code class="inline-code">print(&quot;hola&quot;)</code>?',
    ],
    ['two spans', '`a` y `b`', '<code class="inline-code">a</code> y <code class="inline-code">b</code>'],
    ['an unpaired backtick stays', 'Un ` suelto', 'Un ` suelto'],
    ['an empty pair stays', 'Nada: ``', 'Nada: ``'],
  ])('%s', (_name, text, expected) => {
    expect(html(text)).toBe(expected);
  });

  it('never turns text into markup, inside code or out', () => {
    expect(html('<img src=x onerror=alert(1)> y `<script>alert(1)</script>`')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; y <code class="inline-code">&lt;script&gt;alert(1)&lt;/script&gt;</code>',
    );
  });
});
