import type { Language } from '@aula/domain';
import type { Message } from '../types.ts';
import { DATA_RULE, dataBlock, LANGUAGE_NAMES } from './shared.ts';

export const LESSON_PROMPT_VERSION = 'lesson@1';

export type LessonBrief = {
  language: Language;
  courseTitle: string;
  audience: string;
  level: string;
  outline: string;
  lessonTitle: string;
  objectives: string[];
  estimatedMinutes: number;
};

function system(brief: LessonBrief): string {
  return [
    'You write one lesson of an online course for adults, in Markdown.',
    `Write in ${LANGUAGE_NAMES[brief.language]}.`,
    'Structure: a short introduction, then 3-6 sections with "## " headings, examples, and a final "## " summary section.',
    'Do not start with a "# " title (the title is shown separately). No raw HTML, no images, no links to outside sites.',
    'Use fenced code blocks with a language tag when showing code.',
    DATA_RULE,
  ].join('\n');
}

function context(brief: LessonBrief): string {
  return [
    `Course: ${brief.courseTitle} (audience: ${brief.audience}; level: ${brief.level})`,
    `Course outline:\n${dataBlock('outline', brief.outline, 8_000)}`,
    `Lesson to write: ${brief.lessonTitle} (about ${brief.estimatedMinutes} minutes of reading and practice)`,
    `Learning objectives:\n${brief.objectives.map((o) => `- ${o}`).join('\n')}`,
  ].join('\n\n');
}

export function lessonMessages(brief: LessonBrief): Message[] {
  return [
    { role: 'system', content: system(brief) },
    { role: 'user', content: context(brief) },
  ];
}

export function rewriteLessonMessages(brief: LessonBrief, current: string, instruction: string): Message[] {
  return [
    { role: 'system', content: system(brief) },
    {
      role: 'user',
      content: [
        context(brief),
        `Current text of the lesson:\n${dataBlock('lesson', current, 30_000)}`,
        `Rewrite the whole lesson following this instruction from the course editor:\n${dataBlock('instruction', instruction, 2_000)}`,
      ].join('\n\n'),
    },
  ];
}
