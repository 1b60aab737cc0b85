import 'server-only';
import { z } from 'zod';
import { directusGet } from '../../../shared/directus.ts';

const Row = z.object({ slug: z.string(), published_at: z.string().nullable().optional() });

/**
 * Every published course's slug and publication date, for the sitemap. Read as an anonymous visitor:
 * the public policy of Directus lets anonymous visitors read published courses only, so drafts and
 * archived courses can never be listed.
 */
export async function listPublishedSlugs(): Promise<{ slug: string; publishedAt: string | null }[]> {
  const rows = await directusGet(
    '/items/courses',
    { fields: 'slug,published_at', sort: '-published_at,slug', limit: '-1' },
    z.array(Row),
  );
  return rows.map((row) => ({ slug: row.slug, publishedAt: row.published_at ?? null }));
}
