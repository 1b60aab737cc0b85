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

/** Every real tag of the output (text `<` is always escaped, so each `<` left starts one) with its attributes. */
function realTags(html: string) {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)].map(([, tag, attrs]) => ({
    tag: tag!.toLowerCase(),
    attrs: [...(attrs ?? '').matchAll(/([^\s=/]+)(?:="([^"]*)")?/g)].map(([, name, value]) => ({
      name: name!.toLowerCase(),
      value: value ?? '',
    })),
  }));
}

const SAFE_TAGS = new Set(
  'h2 h3 h4 h5 h6 p br hr blockquote ul ol li strong em s del code pre span a table thead tbody tr th td kbd sub sup mark small'.split(
    ' ',
  ),
);

describe('renderMarkdown: raw HTML a model wrote', () => {
  // Each of these once opened an element that swallowed the rest of the lesson (raw-text elements,
  // comments, a tag whose attributes never end). The paragraphs after them must stay on the page.
  it.each([
    '<div',
    '<div class="nota"',
    '<div>',
    '<script>',
    '<script>alert(1)',
    '<style>',
    '<style>p { display: none }',
    '<!--',
    '<!-- un comentario sin cierre',
    '<textarea>',
    '<title>',
    '<xmp>',
    '<plaintext>',
    '<noscript>',
    '<noembed>',
    '<noframes>',
    '<iframe>',
    '<template>',
    '<select><option>',
    '<svg><desc>',
    '<math><mtext>',
    '<a href="',
    "<img src='x",
    '<![CDATA[',
    '<?php echo 1;',
    '<!DOCTYPE html>',
    '</p></div></body></html>',
    '<table><tr><td>',
    '<kbd>',
    'Texto con <span> y <b sin cerrar',
    '```html\n<div>',
  ])('%s leaves what follows visible', (fragment) => {
    const { html, headings } = renderMarkdown(
      `Primer párrafo.\n\n${fragment}\n\n## Después\n\nPárrafo final visible.\n`,
    );
    expect(html).toContain('<p>Primer párrafo.</p>');
    if (!fragment.startsWith('```')) {
      expect(html).toContain('<h2 id="despues">Después</h2>');
      expect(html).toContain('<p>Párrafo final visible.</p>');
      expect(headings.map((h) => h.id)).toEqual(['despues']);
    } else {
      // An unclosed fence is Markdown, not HTML: the rest is shown as code, but shown.
      expect(html).toContain('## Después');
      expect(html).toContain('Párrafo final visible.');
    }
    for (const { tag } of realTags(html)) expect(SAFE_TAGS).toContain(tag);
  });

  it('shows raw HTML as the text it is', () => {
    expect(renderMarkdown('Usa <div class="x">bloques</div>.').html).toBe(
      '<p>Usa &lt;div class="x"&gt;bloques&lt;/div&gt;.</p>\n',
    );
  });

  it('keeps a few bare inline tags, closing an unclosed one at the end of its paragraph', () => {
    expect(renderMarkdown('Pulsa <kbd>Ctrl</kbd> + <KBD>C</KBD>, H<sub>2</sub>O, x<sup>2</sup><br/>fin').html).toBe(
      '<p>Pulsa <kbd>Ctrl</kbd> + <kbd>C</kbd>, H<sub>2</sub>O, x<sup>2</sup><br />fin</p>\n',
    );
    expect(renderMarkdown('Pulsa <kbd>Ctrl\n\nDespués').html).toBe('<p>Pulsa <kbd>Ctrl</kbd></p>\n<p>Después</p>\n');
    expect(renderMarkdown('<kbd onclick="x()">k</kbd>').html).not.toMatch(/<kbd/);
  });
});

describe('renderMarkdown: sanitising', () => {
  it.each([
    '<script>window.__xss=1</script>',
    '<img src=x onerror="window.__xss=2">',
    '[x](javascript:window.__xss=3)',
    '<iframe src="javascript:window.__xss=4"></iframe>',
    '<a href="javascript:alert(1)">a</a>',
    '<a href="  JaVaScRiPt:alert(1)">a</a>',
    '<a href="java&#x09;script:alert(1)">a</a>',
    '<a href="data:text/html,<script>alert(1)</script>">a</a>',
    '[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[v](vbscript:msgbox(1))',
    '[e](&#106;avascript:alert(1))',
    '[f](java%0ascript:alert(1))',
    '<p style="position:fixed">s</p>',
    '<style>body{display:none}</style>',
    '<div onclick="alert(1)">d</div>',
    '<svg><script>alert(1)</script></svg>',
    '<svg onload="alert(1)">',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<object data="x.swf"></object><embed src="x.swf">',
    '<form action="/x"><input name="a"><button>b</button></form>',
    '<meta http-equiv="refresh" content="0;url=https://evil.example">',
    '<base href="https://evil.example/">',
    '<a href="/x" target="_blank" id="__next">a</a>',
    '<span class="x hljs-string">s</span>',
    '<pre tabindex="-5">p</pre>',
    '<details open ontoggle="alert(1)"><summary>s</summary></details>',
    '<<script>script>alert(1)<</script>/script>',
    '<scr<script>ipt>alert(1)</script>',
    '<!--><script>alert(1)</script>-->',
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
    '`<img src=x onerror=alert(1)>`',
    '```html\n<script>alert(1)</script>\n```',
    '> <iframe srcdoc="<script>alert(1)</script>">',
    '| a |\n|---|\n| <img src=x onerror=alert(1)> |',
  ])('%s leaves no script, handler, style or foreign tag', (source) => {
    const tags = realTags(renderMarkdown(source).html);
    for (const { tag, attrs } of tags) {
      expect(SAFE_TAGS).toContain(tag);
      for (const { name, value } of attrs) {
        expect(name).toMatch(/^(href|title|rel|alt|id|tabindex|class|align|scope|start|src|width|height)$/);
        // A scheme, if any, is http(s) or mailto; without one it is a path of this site.
        const url = value.replace(/[\t\n\r]/g, '').trim();
        if (name === 'href' && /^[a-z][a-z0-9+.-]*:/i.test(url)) expect(url).toMatch(/^(https?|mailto):/i);
        if (name === 'href') expect(value).not.toMatch(/^\s*\/[/\\]/);
        if (name === 'tabindex') expect(value).toBe('0');
        if (name === 'class') expect(value).toMatch(/^(hljs|language-|hljs-)/);
      }
    }
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
