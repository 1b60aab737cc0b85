import 'server-only';
import { Slug } from '@aula/domain';
import { z } from 'zod';
import { DirectusError, directusGet } from './directus.ts';

/** Whether a published course has this slug; `null` when Directus cannot tell (the page then shows its error state). */
export async function courseExists({ slug }: { slug: string }): Promise<boolean | null> {
  if (!Slug.safeParse(slug).success) return false;
  try {
    const found = await directusGet(
      '/items/courses',
      { fields: 'slug', filter: JSON.stringify({ slug: { _eq: slug } }), limit: '1' },
      z.array(z.object({ slug: z.string() })),
    );
    return found.length > 0;
  } catch (error) {
    if (error instanceof DirectusError) return null;
    throw error;
  }
}
