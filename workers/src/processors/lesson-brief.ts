import { items } from '@aula/data';
import type { Language } from '@aula/domain';
import type { LessonBrief } from '@aula/llm/prompts';
import type { WorkerCtx } from '../context.ts';

type LessonRow = {
  id: string;
  title: string;
  body: string | null;
  objectives: string[] | null;
  estimated_minutes: number | null;
  course: {
    id: string;
    title: string;
    audience: string | null;
    level: string;
    language: Language;
    modules: { title: string; sort: number; lessons: { title: string; sort: number }[] }[];
  };
};

/** A lesson with everything a prompt needs about where it sits in its course. */
export async function loadLessonBrief(
  ctx: WorkerCtx,
  lessonId: string,
): Promise<{ lesson: LessonRow; brief: LessonBrief }> {
  const lesson = await items<LessonRow>(ctx.api, 'lessons').get(lessonId, {
    fields: [
      'id',
      'title',
      'body',
      'objectives',
      'estimated_minutes',
      'course.id',
      'course.title',
      'course.audience',
      'course.level',
      'course.language',
      'course.modules.title',
      'course.modules.sort',
      'course.modules.lessons.title',
      'course.modules.lessons.sort',
    ],
  });
  const outline = [...lesson.course.modules]
    .sort((a, b) => a.sort - b.sort)
    .map(
      (m) =>
        `${m.title}\n${[...m.lessons]
          .sort((a, b) => a.sort - b.sort)
          .map((l) => `  - ${l.title}`)
          .join('\n')}`,
    )
    .join('\n');
  return {
    lesson,
    brief: {
      language: lesson.course.language,
      courseTitle: lesson.course.title,
      audience: lesson.course.audience ?? '',
      level: lesson.course.level,
      outline,
      lessonTitle: lesson.title,
      objectives: lesson.objectives ?? [],
      estimatedMinutes: lesson.estimated_minutes ?? 15,
    },
  };
}

/** Model Markdown as stored: no leading "# " title (shown separately), no raw HTML blocks, trimmed. */
export function tidyMarkdown(markdown: string): string {
  return markdown
    .replace(/^\s*#\s+[^\n]*\n+/, '')
    .replace(/<\/?(script|iframe|style|object|embed)[^>]*>/gi, '')
    .trim();
}
