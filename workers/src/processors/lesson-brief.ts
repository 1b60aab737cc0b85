import { getLessonInCourse, type LessonInCourse } from '@aula/data';
import type { LessonBrief } from '@aula/llm/prompts';
import type { WorkerCtx } from '../context.ts';

/** A lesson in its course, and what a prompt needs about where it sits. */
export type LessonBriefed = { lesson: LessonInCourse; brief: LessonBrief };

/** A lesson with everything a prompt needs about where it sits in its course. */
export async function loadLessonBrief(ctx: WorkerCtx, lessonId: string): Promise<LessonBriefed> {
  const lesson = await getLessonInCourse(ctx.api, lessonId);
  const outline = [...lesson.course.modules]
    .sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0))
    .map(
      (m) =>
        `${m.title}\n${[...m.lessons]
          .sort((a, b) => (a.sort ?? 0) - (b.sort ?? 0))
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
