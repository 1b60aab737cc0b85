import { renderMarkdown } from '../../../shared/markdown/render-markdown.ts';

/** `[label](javascript:…)` and other script-scheme links: markdown-it leaves them as literal text. */
const SCRIPT_LINK = /\[([^\]\n]*)\]\(\s*<?\s*(?:javascript|vbscript|data|file):(?:[^()\n]|\([^()\n]*\))*\)/gi;

/**
 * A tutor answer as safe HTML: the lessons' sanitised renderer (no script, no handlers, no
 * `javascript:` URLs, no image from another host), with script-scheme links reduced to their label
 * first, so not even their text shows.
 */
export function renderAnswer(markdown: string): string {
  return renderMarkdown(markdown.replace(SCRIPT_LINK, '$1')).html;
}
