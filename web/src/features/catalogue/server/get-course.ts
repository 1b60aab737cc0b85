import 'server-only';
import { Slug } from '@aula/domain';
import { cache } from 'react';
import { z } from 'zod';
import { directusGet } from '../../../shared/directus.ts';
import { rowShape } from '../../../shared/row-shape.ts';
import { COURSE_SUMMARY_FIELDS, CourseSummaryRow } from './course-fields.ts';

const bySort = <T extends { sort: number | null }>(items: T[]) =>
  items.toSorted((a, b) => (a.sort ?? 0) - (b.sort ?? 0));

const OutlineLesson = z.object(
  rowShape<'lessons'>()({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    objectives: z.array(z.string()).nullable(),
    sort: z.number().nullable(),
    estimated_minutes: z.number().nullable(),
  }),
);

const OutlineModule = z.object({
  ...rowShape<'modules'>()({ title: z.string(), summary: z.string().nullable(), sort: z.number().nullable() }),
  lessons: z.array(OutlineLesson),
});

/** A published course with its outline: modules and lessons (never a lesson's body, which visitors cannot read). */
export const CourseDetail = z
  .object({
    id: z.string(),
    ...CourseSummaryRow,
    modules: z.array(OutlineModule),
  })
  .transform((course) => {
    const modules = bySort(course.modules).map((mod) => {
      const lessons = bySort(mod.lessons).map((lesson) => ({
        id: lesson.id,
        slug: lesson.slug,
        title: lesson.title,
        objectives: lesson.objectives ?? [],
        minutes: lesson.estimated_minutes ?? 0,
      }));
      const minutes = lessons.reduce((sum, lesson) => sum + lesson.minutes, 0);
      return { title: mod.title, summary: mod.summary ?? '', minutes, lessons };
    });
    const outlineMinutes = modules.reduce((sum, mod) => sum + mod.minutes, 0);
    return {
      id: course.id,
      title: course.title,
      slug: course.slug,
      summary: course.summary ?? '',
      audience: course.audience ?? '',
      language: course.language,
      level: course.level,
      cover: course.cover,
      minutes: outlineMinutes || (course.estimated_minutes ?? 0),
      lessonCount: modules.reduce((sum, mod) => sum + mod.lessons.length, 0),
      modules,
    };
  });
export type CourseDetail = z.output<typeof CourseDetail>;

const LESSON_FIELDS = ['id', 'slug', 'title', 'objectives', 'sort', 'estimated_minutes'].map(
  (f) => `modules.lessons.${f}`,
);
const FIELDS = ['id', ...COURSE_SUMMARY_FIELDS, 'modules.title', 'modules.summary', 'modules.sort', ...LESSON_FIELDS];

/**
 * The published course with this slug, or `null` when there is none (unknown, or not published:
 * Directus hides unpublished courses from anonymous visitors). Cached per request, so the page and
 * its metadata share one call.
 */
export const getCourse = cache(async ({ slug }: { slug: string }): Promise<CourseDetail | null> => {
  if (!Slug.safeParse(slug).success) return null;
  const [course] = await directusGet(
    '/items/courses',
    { fields: FIELDS.join(','), filter: JSON.stringify({ slug: { _eq: slug } }), limit: '1' },
    z.array(CourseDetail),
  );
  return course ?? null;
});

export type OutlineLesson = CourseDetail['modules'][number]['lessons'][number];

/** The course's lessons in reading order (module by module), each with its module's number. */
export function lessonsInOrder(course: CourseDetail): (OutlineLesson & { moduleIndex: number })[] {
  return course.modules.flatMap((mod, moduleIndex) => mod.lessons.map((lesson) => ({ ...lesson, moduleIndex })));
}
