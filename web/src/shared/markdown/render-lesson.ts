import 'server-only';
import { createHash } from 'node:crypto';
import { TtlCache } from '../cache/ttl-cache.ts';
import { type RenderedMarkdown, renderMarkdown } from './render-markdown.ts';

// Rendering a lesson (Markdown, highlighting, sanitising) costs more than the rest of its page: it is
// done once per text and kept, shared by every student and route of this process (on globalThis, as
// read-cache.ts explains). The key is the text's own hash, so an edited lesson is a new entry and the
// HTML always matches the text it was made from; who may read that text is decided before this.
const KEY = Symbol.for('aula.web.rendered-lessons');
const global = globalThis as typeof globalThis & { [KEY]?: TtlCache<string, RenderedMarkdown> };
global[KEY] ??= new TtlCache({ max: 500, ttlMs: 60 * 60_000 });
const rendered = global[KEY];

/** `renderMarkdown(source)`, computed once per text. Callers must not change what it returns. */
export function renderLesson(source: string): RenderedMarkdown {
  const key = createHash('sha256').update(source).digest('base64url');
  const known = rendered.get(key);
  if (known) return known;
  const fresh = renderMarkdown(source);
  rendered.set(key, fresh);
  return fresh;
}
