import 'server-only';
import { z } from 'zod';
import { directusGet } from '../../../shared/directus.ts';

const Lesson = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    body: z.string().nullable(),
    objectives: z.array(z.string()).nullable(),
    estimated_minutes: z.number().nullable(),
  })
  .transform((lesson) => ({
    id: lesson.id,
    slug: lesson.slug,
    title: lesson.title,
    body: lesson.body ?? '',
    objectives: lesson.objectives ?? [],
    minutes: lesson.estimated_minutes ?? 0,
  }));
export type Lesson = z.output<typeof Lesson>;

/**
 * A lesson with its body, read with the student's token: Directus lets students read the lessons of
 * published courses only. `null` when there is no such lesson.
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
      fields: 'id,slug,title,body,objectives,estimated_minutes',
      filter: JSON.stringify({ _and: [{ course: { slug: { _eq: courseSlug } } }, { slug: { _eq: lessonSlug } }] }),
      limit: '1',
    },
    z.array(Lesson),
    { token },
  );
  return lesson ?? null;
}
