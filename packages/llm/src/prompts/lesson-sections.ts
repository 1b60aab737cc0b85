import { headingAnchor } from '@aula/domain';

/** A part of a lesson: the text before the first heading (`anchor` null), or a heading and what follows it. */
export type LessonSection = { title: string | null; anchor: string | null; text: string };

/**
 * Splits a lesson's Markdown at its headings (outside code fences). Anchors are the ids the lesson page
 * gives its headings (render-markdown.ts): `headingAnchor`, repeats numbered `-2`, `-3`…
 */
export function lessonSections(markdown: string): LessonSection[] {
  const sections: LessonSection[] = [];
  const seen = new Map<string, number>();
  let current: LessonSection = { title: null, anchor: null, text: '' };
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading?.[1]) {
      if (current.text.trim() || current.title) sections.push(current);
      const title = heading[1].replace(/[*_`]/g, '').trim();
      const base = headingAnchor(title);
      const count = (seen.get(base) ?? 0) + 1;
      seen.set(base, count);
      current = { title, anchor: base ? (count === 1 ? base : `${base}-${count}`) : null, text: '' };
    }
    current.text += `${line}\n`;
  }
  if (current.text.trim() || current.title) sections.push(current);
  return sections;
}

/** `text` cut to at most `max` characters at a word boundary, with an ellipsis when cut. */
export function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const slice = text.slice(0, Math.max(0, max - 1));
  const space = slice.search(/\s\S*$/);
  return `${(space > 0 ? slice.slice(0, space) : '').trimEnd()}…`;
}

/**
 * A lesson within `max` characters, trimmed by whole sections: the sections in `keep` first (those
 * the student got wrong in the quiz), then the others in order while they fit. Dropped sections are
 * named, so the tutor knows they exist. Only a section that alone is over the budget is cut, at a word.
 */
export function trimLesson(markdown: string, max: number, keep: ReadonlySet<string> = new Set()): string {
  if (markdown.length <= max) return markdown;
  const sections = lessonSections(markdown);
  const priority = [
    ...sections.filter((s) => s.anchor && keep.has(s.anchor)),
    ...sections.filter((s) => !(s.anchor && keep.has(s.anchor))),
  ];
  const chosen = new Set<LessonSection>();
  const note = (s: LessonSection) => `[Section not included here: ${s.title} (#${s.anchor ?? ''})]\n`;
  let used = sections.reduce((sum, s) => sum + (s.title ? note(s).length : 0), 0);
  for (const section of priority) {
    const cost = section.text.length - (section.title ? note(section).length : 0);
    if (used + cost <= max) {
      chosen.add(section);
      used += cost;
    }
  }
  if (chosen.size === 0 && sections[0]) {
    return cutAtWord(sections[0].text, max);
  }
  return sections.map((s) => (chosen.has(s) ? s.text : s.title ? note(s) : '')).join('');
}
