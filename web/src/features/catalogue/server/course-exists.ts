import 'server-only';
import { Slug } from '@aula/domain';
import { z } from 'zod';
import { contentVersion } from '../../../shared/cache/content-version.ts';
import { contentRead } from '../../../shared/cache/read-cache.ts';
import { DirectusError, directusGet } from '../../../shared/directus.ts';

/**
 * Set by the middleware on a request for a lesson it has just found published (`<course>/<lesson>`
 * slugs); it deletes any such header the browser sent.
 */
export const PUBLISHED_LESSON_HEADER = 'x-aula-published-lesson';

/**
 * Whether a published course has this slug (and, when `lessonSlug` is given, a lesson with that slug);
 * `null` when Directus cannot tell (the page then shows its error state). Anonymous: the public policy
 * shows published courses and their lessons' titles, never drafts. Kept only under the current content
 * version (decision 016), which Directus moves on after every publish, archive or edit: a course
 * unpublished a moment ago is gone at once. Without a version (no Redis), asked afresh every time.
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
  const version = await contentVersion();
  const ask = () => askDirectus({ slug, lessonSlug, forwardedFor });
  try {
    return version === null ? await ask() : await contentRead(`published:${version}:${slug}/${lessonSlug ?? ''}`, ask);
  } catch (error) {
    if (error instanceof DirectusError) return null;
    throw error;
  }
}

/** The question itself, anonymous and past Directus's cache; a DirectusError is thrown (never kept). */
async function askDirectus({
  slug,
  lessonSlug,
  forwardedFor,
}: {
  slug: string;
  lessonSlug?: string | undefined;
  forwardedFor?: string | undefined;
}): Promise<boolean> {
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
}
