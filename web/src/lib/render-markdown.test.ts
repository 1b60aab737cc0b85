import { headingAnchor, markdownHeadingAnchors } from '@aula/domain';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render-markdown.ts';

describe('renderMarkdown: headings', () => {
  it('gives h2/h3 the ids of headingAnchor (lowercase, accents and punctuation stripped)', () => {
    const source = '## ¿Por qué Python?\n\ntexto\n\n### Año `print()` y más\n';
    const { html, headings } = renderMarkdown(source);
    expect(html).toContain('<h2 id="por-que-python">¿Por qué Python?</h2>');
    expect(html).toContain('<h3 id="ano-print-y-mas">Año <code>print()</code> y más</h3>');
    expect(headings).toEqual([
      { level: 2, text: '¿Por qué Python?', id: 'por-que-python' },
      { level: 3, text: 'Año print() y más', id: 'ano-print-y-mas' },
    ]);
    expect(headings.map((h) => h.id)).toEqual(markdownHeadingAnchors(source));
  });

  it('numbers repeated headings, skips empty ones and turns h1 into h2', () => {
    const { html } = renderMarkdown('# Título\n\n## Ejemplo\n\n## Ejemplo\n\n## ¿?\n');
    expect(html).toContain('<h2 id="titulo">Título</h2>');
    expect(html).toContain('<h2 id="ejemplo">Ejemplo</h2>');
    expect(html).toContain('<h2 id="ejemplo-2">Ejemplo</h2>');
    expect(html).toContain('<h2>¿?</h2>');
    expect(html).not.toContain('<h1');
  });

  it('anchors every heading of the demo-like lesson the way quizzes cite them', () => {
    for (const title of ['Programar es dar instrucciones', 'Errores: parte normal del camino', 'Tu primer programa'])
      expect(renderMarkdown(`## ${title}`).html).toContain(`id="${headingAnchor(title)}"`);
  });
});

describe('renderMarkdown: code', () => {
  it('highlights fenced code of a known language and keeps it keyboard-scrollable', () => {
    const { html } = renderMarkdown('```python\nprint("¡Hola!")  # saludo\n```\n');
    expect(html).toMatch(/^<pre tabindex="0"><code class="hljs language-python">/);
    expect(html).toContain('<span class="hljs-built_in">print</span>');
    expect(html).toContain('<span class="hljs-comment"># saludo</span>');
  });

  it('escapes code of an unknown language', () => {
    const { html } = renderMarkdown('```klingon\n<b>x</b>\n```\n');
    expect(html).toContain('<code class="hljs">&lt;b&gt;x&lt;/b&gt;\n</code>');
  });
});

describe('renderMarkdown: sanitising', () => {
  it.each([
    ['<script>window.__xss=1</script>', /<script|__xss/],
    ['<img src=x onerror="window.__xss=2">', /onerror|<img/],
    ['[x](javascript:window.__xss=3)', /href="javascript/i],
    ['<iframe src="javascript:window.__xss=4"></iframe>', /<iframe/],
    ['<a href="javascript:alert(1)">a</a>', /href=/],
    ['<a href="  JaVaScRiPt:alert(1)">a</a>', /href=/],
    ['<a href="java&#x09;script:alert(1)">a</a>', /href=/],
    ['<a href="data:text/html,<script>alert(1)</script>">a</a>', /href=|<script/],
    ['[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', /href=/],
    ['<p style="position:fixed">s</p>', /style=/],
    ['<style>body{display:none}</style>', /<style|display/],
    ['<div onclick="alert(1)">d</div>', /onclick/],
    ['<svg><script>alert(1)</script></svg>', /<svg|<script/],
    ['<object data="x.swf"></object><embed src="x.swf">', /<object|<embed/],
    ['<form action="/x"><input name="a"><button>b</button></form>', /<form|<input|<button/],
    ['<meta http-equiv="refresh" content="0;url=https://evil.example">', /<meta/],
    ['<base href="https://evil.example/">', /<base/],
    ['<a href="/x" target="_blank" id="__next">a</a>', /target=|id=/],
    ['<span class="x hljs-string">s</span>', /class="x/],
    ['<pre tabindex="-5">p</pre>', /tabindex="-5"/],
  ])('%s is neutralised', (source, forbidden) => {
    expect(renderMarkdown(source).html).not.toMatch(forbidden);
  });

  it.each([
    ['![logo](https://evil.example/track.png)', ''],
    ['![logo](//evil.example/track.png)', ''],
    ['<img src="/\\evil.example/x.png">', ''],
    ['![logo](data:image/png;base64,AAAA)', ''],
    ['![Esquema](/imagenes/esquema.png)', '<img src="/imagenes/esquema.png" alt="Esquema" />'],
  ])('image %s → %s', (source, image) => {
    const html = renderMarkdown(source).html;
    if (image) expect(html).toContain(image);
    else expect(html).not.toContain('<img');
  });

  it('keeps ordinary links, marking other sites noopener', () => {
    const { html } = renderMarkdown(
      '[Python](https://www.python.org) · [correo](mailto:a@b.c) · [sección](#tu-primer-programa)',
    );
    expect(html).toContain('<a href="https://www.python.org" rel="noopener noreferrer nofollow">Python</a>');
    expect(html).toContain('<a href="mailto:a@b.c">correo</a>');
    expect(html).toContain('<a href="#tu-primer-programa">sección</a>');
  });

  it('keeps harmless formatting: lists, tables, emphasis, kbd', () => {
    const { html } = renderMarkdown('- **uno**\n- _dos_\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n<kbd>Ctrl</kbd>');
    expect(html).toContain('<li><strong>uno</strong></li>');
    expect(html).toContain('<li><em>dos</em></li>');
    expect(html).toContain('<table>');
    expect(html).toContain('<td>1</td>');
    expect(html).toContain('<kbd>Ctrl</kbd>');
  });
});
