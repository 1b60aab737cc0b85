import 'server-only';
import { z } from 'zod';
import { directusFetch, directusGet, parseAnswer } from '../../../shared/directus.ts';
import type { CatalogueFilters } from '../catalogue-filters.ts';
import { COURSE_SUMMARY_FIELDS, CourseSummaryRow } from './course-fields.ts';

/** A published course as a catalogue card shows it. */
export const CourseCard = z
  .object({
    id: z.string(),
    ...CourseSummaryRow,
    lessons: z.array(z.object({ estimated_minutes: z.number().nullable() })),
  })
  .transform((course) => ({
    id: course.id,
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

const FIELDS = ['id', ...COURSE_SUMMARY_FIELDS, 'lessons.estimated_minutes'];

/**
 * The published courses matching the filters: newest first, or best match first when there are search
 * words. "Published" is not filtered here: the public policy of Directus only lets anonymous visitors
 * read published courses, and that is the guarantee that drafts never reach this site. The words go to
 * the course API's search (accents ignored, typos forgiven), which answers ids; the courses are read here.
 */
export async function listCourses({ filters }: { filters: CatalogueFilters }): Promise<CourseCard[]> {
  const and: Record<string, unknown>[] = [];
  let ranked: string[] | undefined;
  if (filters.q) {
    ranked = await searchCourseIds(filters.q);
    if (ranked.length === 0) return [];
    and.push({ id: { _in: ranked } });
  }
  if (filters.language) and.push({ language: { _eq: filters.language } });
  if (filters.level) and.push({ level: { _eq: filters.level } });

  const courses = await directusGet(
    '/items/courses',
    {
      fields: FIELDS.join(','),
      sort: '-published_at,title',
      limit: '100',
      ...(and.length > 0 ? { filter: JSON.stringify({ _and: and }) } : {}),
    },
    z.array(CourseCard),
  );
  if (!ranked) return courses;
  const order = new Map(ranked.map((id, i) => [id, i]));
  return courses.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
}

/** The course API's search: published courses matching the words, best first (ids only). Anonymous and cached 30 s. */
async function searchCourseIds(q: string): Promise<string[]> {
  const json = await directusFetch({ path: '/aula/courses/search', params: { q } });
  return parseAnswer('GET /aula/courses/search', SearchAnswer, json).ids;
}
const SearchAnswer = z.object({ ids: z.array(z.string()) });
