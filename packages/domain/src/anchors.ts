/**
 * The anchor of a Markdown heading: lowercase, accents stripped, punctuation dropped, spaces to
 * hyphens. Lessons, quiz questions (`lessonSection`) and the tutor's citations share this rule.
 */
export function headingAnchor(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9 -]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/** Anchors of the level-2 and level-3 headings of a Markdown document, in order (outside code fences). */
export function markdownHeadingAnchors(markdown: string): string[] {
  const anchors: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{2,3}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1]) anchors.push(headingAnchor(heading[1]));
  }
  return anchors;
}
