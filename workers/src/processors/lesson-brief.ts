import { getLessonInCourse, type LessonInCourse } from '@aula/data';
import type { LessonAhead } from '@aula/jobs';
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

/**
 * A course's lesson as its outline described it (the job's `ahead`), before anything is read: a new
 * lesson has no text yet; its course's modules are in the brief's outline.
 */
export function lessonBriefAhead(lessonId: string, ahead: LessonAhead): LessonBriefed {
  const brief = ahead.brief as LessonBrief;
  return {
    lesson: {
      id: lessonId,
      title: brief.lessonTitle,
      body: null,
      objectives: brief.objectives,
      estimated_minutes: brief.estimatedMinutes,
      course: {
        id: ahead.run.course as string,
        title: brief.courseTitle,
        audience: brief.audience,
        level: brief.level,
        language: brief.language,
        modules: [],
      },
    } as LessonBriefed['lesson'],
    brief,
  };
}

/** Model Markdown as stored: no leading "# " title (shown separately), no raw HTML blocks, trimmed. */
export function tidyMarkdown(markdown: string): string {
  return markdown
    .replace(/^\s*#\s+[^\n]*\n+/, '')
    .replace(/<\/?(script|iframe|style|object|embed)[^>]*>/gi, '')
    .trim();
}
