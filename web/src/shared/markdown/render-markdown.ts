import { headingAnchor } from '@aula/domain';
import hljs from 'highlight.js/lib/common';
import MarkdownIt, { type StateCore, type StateInline } from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

export type LessonHeading = { level: number; text: string; id: string };
export type RenderedMarkdown = { html: string; headings: LessonHeading[] };

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => ESCAPES[char] ?? char);

function highlight(code: string, lang: string): string {
  const language = lang && hljs.getLanguage(lang) ? lang : null;
  const inner = language ? hljs.highlight(code, { language, ignoreIllegals: true }).value : escapeHtml(code);
  const className = language ? `hljs language-${language}` : 'hljs';
  return `<pre><code class="${className}">${inner}</code></pre>`;
}

/**
 * Headings get the ids the quizzes' `lesson_section` and the tutor cite (`headingAnchor`), the first
 * occurrence plain, repeats numbered. A lesson's `#` headings become `h2`: the page's h1 is the
 * lesson title.
 */
function anchorHeadings(state: StateCore) {
  const seen = new Map<string, number>();
  const headings: LessonHeading[] = [];
  const { tokens } = state;
  for (const [index, token] of tokens.entries()) {
    if (token.type !== 'heading_open') continue;
    if (token.tag === 'h1') {
      token.tag = 'h2';
      const close = tokens.slice(index).find((t) => t.type === 'heading_close');
      if (close) close.tag = 'h2';
    }
    const inline = tokens[index + 1];
    const text = (inline?.children ?? [])
      .filter((child) => child.type === 'text' || child.type === 'code_inline')
      .map((child) => child.content)
      .join('')
      .trim();
    const base = headingAnchor(text);
    if (!base) continue;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    const id = count === 1 ? base : `${base}-${count}`;
    token.attrSet('id', id);
    headings.push({ level: Number(token.tag.slice(1)), text, id });
  }
  (state.env as { headings?: LessonHeading[] }).headings = headings;
}

/** The only raw HTML a lesson keeps: these tags, bare (no attributes), opening or closing. */
const BARE_TAG = /^<(\/?)(kbd|sub|sup|mark|small)>|^<br\s*\/?>/i;

/**
 * Raw HTML in a lesson is shown as text, not parsed: a model's stray `<script>`, `<textarea`, `<!--`
 * or `<div` would otherwise open an element the sanitiser drops with everything after it, and the
 * rest of the lesson vanished. Only a few bare inline tags pass; an unclosed one is closed by its
 * paragraph, so it cannot reach past it.
 */
function bareInlineTag(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3c /* < */) return false;
  const match = BARE_TAG.exec(state.src.slice(state.pos, state.pos + 8));
  if (!match) return false;
  if (!silent) {
    const token = state.push('html_inline', '', 0);
    token.content = match[2] ? `<${match[1]}${match[2].toLowerCase()}>` : '<br>';
  }
  state.pos += match[0].length;
  return true;
}

const markdown = MarkdownIt({ html: false, linkify: true, highlight });
markdown.inline.ruler.before('html_inline', 'aula_bare_tags', bareInlineTag);
markdown.core.ruler.push('aula_heading_anchors', anchorHeadings);

/** Only images served by this site itself: a path, never another host (`//`, `/\`) or a scheme. */
const isLocalPath = (src: string | undefined) => typeof src === 'string' && /^\/(?![/\\])/.test(src.trim());

/**
 * Everything a lesson may contain after rendering. Anything else (script, style, iframe, object, form,
 * event handlers, inline styles, `javascript:`/`data:` URLs) is removed, whatever the Markdown said.
 */
const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'p',
    'br',
    'hr',
    'blockquote',
    'ul',
    'ol',
    'li',
    'dl',
    'dt',
    'dd',
    'strong',
    'em',
    'b',
    'i',
    's',
    'del',
    'ins',
    'mark',
    'sub',
    'sup',
    'small',
    'kbd',
    'abbr',
    'code',
    'pre',
    'span',
    'a',
    'img',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
    'caption',
    'details',
    'summary',
    'figure',
    'figcaption',
  ],
  allowedAttributes: {
    a: ['href', 'title', 'rel'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    h2: ['id'],
    h3: ['id'],
    h4: ['id'],
    h5: ['id'],
    h6: ['id'],
    pre: ['tabindex'],
    th: ['align', 'scope'],
    td: ['align'],
    ol: ['start'],
    abbr: ['title'],
    code: ['class'],
    span: ['class'],
  },
  allowedClasses: { code: ['hljs', 'language-*'], span: ['hljs-*', 'language-*'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [] },
  allowProtocolRelative: false,
  transformTags: {
    // A code block may scroll sideways: keyboard users must be able to reach it.
    pre: (tagName, attribs) => ({ tagName, attribs: { ...attribs, tabindex: '0' } }),
    // Links to other sites neither learn where the student came from nor get a handle on this window.
    a: (tagName, { rel: _ignored, ...attribs }) => ({
      tagName,
      attribs: /^\s*https?:/i.test(attribs.href ?? '') ? { ...attribs, rel: 'noopener noreferrer nofollow' } : attribs,
    }),
  },
  exclusiveFilter: (frame) => frame.tag === 'img' && !isLocalPath(frame.attribs.src),
};

/**
 * A lesson's Markdown as safe HTML, with highlighted code and anchored headings (returned as a list
 * too, for a table of contents). Lessons are written by AI workers and edited by people: the output is
 * sanitised as if it came from a stranger.
 */
export function renderMarkdown(source: string): RenderedMarkdown {
  const env: { headings?: LessonHeading[] } = {};
  const html = sanitizeHtml(markdown.render(source, env), SANITIZE);
  return { html, headings: env.headings ?? [] };
}
