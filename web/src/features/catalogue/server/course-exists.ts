import 'server-only';
import { Slug } from '@aula/domain';
import { z } from 'zod';
import { DirectusError, directusGet } from '../../../shared/directus.ts';

/**
 * Set by the middleware on a request for a lesson it has just found published (`<course>/<lesson>`
 * slugs); it deletes any such header the browser sent.
 */
export const PUBLISHED_LESSON_HEADER = 'x-aula-published-lesson';

/**
 * Whether a published course has this slug (and, when `lessonSlug` is given, a lesson with that slug);
 * `null` when Directus cannot tell (the page then shows its error state). Anonymous: the public policy
 * shows published courses and their lessons' titles, never drafts. Never cached: a course unpublished a
 * moment ago is gone at once.
 */
export async function courseExists({
  slug,
  lessonSlug,
  forwardedFor,
}: {
  slug: string;
  lessonSlug?: string;
  /** The visitor's address (the middleware has no request context for `directusFetch` to read it from). */
  forwardedFor?: string | undefined;
}): Promise<boolean | null> {
  if (!Slug.safeParse(slug).success) return false;
  if (lessonSlug !== undefined && !Slug.safeParse(lessonSlug).success) return false;
  try {
    const found =
      lessonSlug === undefined
        ? await directusGet(
            '/items/courses',
            { fields: 'slug', filter: JSON.stringify({ slug: { _eq: slug } }), limit: '1' },
            z.array(z.object({ slug: z.string() })),
            { fresh: true, forwardedFor },
          )
        : await directusGet(
            '/items/lessons',
            {
              fields: 'slug',
              filter: JSON.stringify({ _and: [{ course: { slug: { _eq: slug } } }, { slug: { _eq: lessonSlug } }] }),
              limit: '1',
            },
            z.array(z.object({ slug: z.string() })),
            { fresh: true, forwardedFor },
          );
    return found.length > 0;
  } catch (error) {
    if (error instanceof DirectusError) return null;
    throw error;
  }
}
