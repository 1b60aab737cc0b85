import type { GenerateCourseRequest } from '@aula/domain';
import type { Message } from '../types.ts';
import { DATA_RULE, dataBlock, LANGUAGE_NAMES } from './shared.ts';

export const OUTLINE_PROMPT_VERSION = 'outline@2';

export function outlineMessages(request: GenerateCourseRequest): Message[] {
  return [
    {
      role: 'system',
      content: [
        'You are an instructional designer writing the outline of an online course for adults.',
        `Write everything in ${LANGUAGE_NAMES[request.language]}.`,
        `The course has exactly ${request.lessonCount} lessons in total, grouped into 1 to ${Math.min(6, request.lessonCount)} modules.`,
        'List the modules first, then every lesson in order in one list; each lesson names its module by number (1 is the first module).',
        'Each lesson has 2-5 concrete, checkable learning objectives and a realistic time estimate in minutes.',
        DATA_RULE,
      ].join('\n'),
    },
    {
      role: 'user',
      content: [
        `Topic: ${request.topic}`,
        `Audience: ${request.audience ?? 'adults without prior knowledge of the topic'}`,
        `Level: ${request.level ?? 'beginner'}`,
        request.syllabus
          ? `The course must follow this syllabus:\n${dataBlock('syllabus', request.syllabus, 40_000)}`
          : '',
      ]
        .filter(Boolean)
        .join('\n'),
    },
  ];
}
