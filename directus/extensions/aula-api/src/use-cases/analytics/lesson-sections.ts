import { headingAnchor } from '@aula/domain';

export type LessonSection = { anchor: string; heading: string; keywords: string[] };

/** Words too common to tell one section from another (Spanish and English, four letters or more). */
const STOP_WORDS = new Set([
  'como',
  'para',
  'pero',
  'sobre',
  'entre',
  'este',
  'esta',
  'estos',
  'estas',
  'desde',
  'hasta',
  'cuando',
  'donde',
  'cual',
  'cuales',
  'porque',
  'with',
  'from',
  'that',
  'this',
  'these',
  'those',
  'what',
  'when',
  'where',
  'which',
  'your',
  'into',
  'about',
  'and',
  'the',
]);

/** A section's keywords: the words of its anchor of four letters or more, common words left out. */
export const sectionKeywords = (anchor: string): string[] => [
  ...new Set(anchor.split('-').filter((word) => word.length >= 4 && !STOP_WORDS.has(word))),
];

/**
 * The level-2 and level-3 headings of a lesson's Markdown (outside code fences), each with its anchor
 * (the rule lessons, questions and the tutor share) and its keywords, for matching tutor messages.
 */
export function lessonSections(markdown: string): LessonSection[] {
  const sections: LessonSection[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    if (fenced) continue;
    const heading = /^#{2,3}\s+(.+?)\s*#*\s*$/.exec(line)?.[1];
    if (!heading) continue;
    const anchor = headingAnchor(heading);
    if (anchor && !sections.some((s) => s.anchor === anchor))
      sections.push({ anchor, heading, keywords: sectionKeywords(anchor) });
  }
  return sections;
}
