import 'server-only';
import { z } from 'zod';
import { directusGet } from '../../../shared/directus.ts';
import type { CatalogueFilters } from '../catalogue-filters.ts';
import { COURSE_SUMMARY_FIELDS, CourseSummaryRow } from './course-fields.ts';

/** A published course as a catalogue card shows it. */
export const CourseCard = z
  .object({
    ...CourseSummaryRow,
    lessons: z.array(z.object({ estimated_minutes: z.number().nullable() })),
  })
  .transform((course) => ({
    title: course.title,
    slug: course.slug,
    summary: course.summary ?? '',
    language: course.language,
    level: course.level,
    cover: course.cover,
    minutes:
      course.estimated_minutes ?? course.lessons.reduce((sum, lesson) => sum + (lesson.estimated_minutes ?? 0), 0),
  }));
export type CourseCard = z.output<typeof CourseCard>;

const FIELDS = [...COURSE_SUMMARY_FIELDS, 'lessons.estimated_minutes'];

/**
 * The published courses matching the filters, newest first. "Published" is not filtered here: the
 * public policy of Directus only lets anonymous visitors read published courses, and that is the
 * guarantee that drafts never reach this site.
 */
export async function listCourses({ filters }: { filters: CatalogueFilters }): Promise<CourseCard[]> {
  const and: Record<string, unknown>[] = [];
  if (filters.q) {
    const text = { _icontains: filters.q };
    and.push({ _or: [{ title: text }, { summary: text }, { audience: text }] });
  }
  if (filters.language) and.push({ language: { _eq: filters.language } });
  if (filters.level) and.push({ level: { _eq: filters.level } });

  return directusGet(
    '/items/courses',
    {
      fields: FIELDS.join(','),
      sort: '-published_at,title',
      limit: '100',
      ...(and.length > 0 ? { filter: JSON.stringify({ _and: and }) } : {}),
    },
    z.array(CourseCard),
  );
}
