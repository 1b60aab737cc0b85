import 'server-only';
import { z } from 'zod';
import { directusGet } from '../../../shared/directus.ts';

/** What the studio shows of a course's cover: the file, where it came from, who set it and when. */
export const StudioCover = z
  .object({
    id: z.string(),
    slug: z.string(),
    title: z.string(),
    audience: z.string().nullable(),
    cover: z.string().nullable(),
    cover_source: z.enum(['drawn', 'generated', 'uploaded']).nullable(),
    cover_set_at: z.string().nullable(),
    cover_set_by: z.object({ first_name: z.string().nullable(), last_name: z.string().nullable() }).nullable(),
  })
  .transform((c) => ({
    courseId: c.id,
    slug: c.slug,
    title: c.title,
    audience: c.audience,
    cover: c.cover,
    source: c.cover_source,
    at: c.cover_set_at,
    by: c.cover_set_by ? [c.cover_set_by.first_name, c.cover_set_by.last_name].filter(Boolean).join(' ') || null : null,
  }));
export type StudioCover = z.output<typeof StudioCover>;

const FIELDS = [
  'id',
  'slug',
  'title',
  'audience',
  'cover',
  'cover_source',
  'cover_set_at',
  'cover_set_by.first_name',
  'cover_set_by.last_name',
];

/** The course's cover as the staff member (their token) may read it; drafts too. `null`: no such course. */
export async function getStudioCover({ token, courseId }: { token: string; courseId: string }) {
  const [course] = await directusGet(
    '/items/courses',
    { fields: FIELDS.join(','), filter: JSON.stringify({ id: { _eq: courseId } }), limit: '1' },
    z.array(StudioCover),
    { token, fresh: true },
  );
  return course ?? null;
}
