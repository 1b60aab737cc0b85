import 'server-only';
import { z } from 'zod';
import { directusGet } from '../../../shared/directus.ts';
import { readingsOf } from '../readings.ts';

const Lesson = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    objectives: z.array(z.string()).nullable(),
    estimated_minutes: z.number().nullable(),
    references: z
      .array(z.object({ url: z.string(), title: z.string().nullable(), snippet: z.string().nullable() }))
      .nullish(),
  })
  .transform((lesson) => ({
    id: lesson.id,
    slug: lesson.slug,
    title: lesson.title,
    body: lesson.body ?? '',
    objectives: lesson.objectives ?? [],
    minutes: lesson.estimated_minutes ?? 0,
    readings: readingsOf(lesson.references ?? []),
  }));
export type Lesson = z.output<typeof Lesson>;

/**
 * A lesson with its body and its further reading, read with the student's token: Directus lets students
 * read the lessons of published courses only, and of their references only those checked and working
 * (the Student policy, packages/data/src/setup/permissions.ts). `null` when there is no such lesson.
 */
export async function getLesson({
  token,
  courseSlug,
  lessonSlug,
}: {
  token: string;
  courseSlug: string;
  lessonSlug: string;
}): Promise<Lesson | null> {
  const [lesson] = await directusGet(
    '/items/lessons',
    {
      fields: 'id,slug,title,body,objectives,estimated_minutes,references.url,references.title,references.snippet',
      // No filter on check_status: students may not read it (nor filter on it); their policy already
      // limits them to the working references.
      deep: JSON.stringify({ references: { _sort: ['sort'], _limit: 10 } }),
      filter: JSON.stringify({ _and: [{ course: { slug: { _eq: courseSlug } } }, { slug: { _eq: lessonSlug } }] }),
      limit: '1',
    },
    z.array(Lesson),
    { token },
  );
  return lesson ?? null;
}
