import type { Language } from '@aula/domain';
import type { Message } from '../types.ts';
import { DATA_RULE, dataBlock, LANGUAGE_NAMES } from './shared.ts';

export const QUIZ_PROMPT_VERSION = 'quiz@1';

export function quizMessages(input: {
  language: Language;
  lessonTitle: string;
  lessonBody: string;
  sections: string[];
  instruction?: string;
}): Message[] {
  return [
    {
      role: 'system',
      content: [
        'You write a multiple-choice quiz that checks understanding of one lesson.',
        `Write in ${LANGUAGE_NAMES[input.language]}.`,
        'Write 4 to 8 questions. Each has exactly 4 options, exactly one correct (correctOption is its 0-based index),',
        'plausible wrong options, and an explanation that says why the answer is right and points back at the lesson.',
        'Vary the position of the correct option. Only ask about what the lesson teaches.',
        `lessonSection must be one of these section anchors of the lesson: ${input.sections.join(', ') || '(none)'}.`,
        DATA_RULE,
      ].join('\n'),
    },
    {
      role: 'user',
      content: [
        `Lesson: ${input.lessonTitle}`,
        dataBlock('lesson', input.lessonBody, 30_000),
        input.instruction
          ? `Follow this instruction from the course editor:\n${dataBlock('instruction', input.instruction, 2_000)}`
          : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    },
  ];
}
