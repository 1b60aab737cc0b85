import 'server-only';
import { createHash } from 'node:crypto';
import { renderCoverPng } from '@aula/data/covers';
import { Slug } from '@aula/domain';
import sharp from 'sharp';
import { z } from 'zod';
import { env } from '../../../env.ts';
import { directusGet } from '../../../shared/directus.ts';
import { snapWidth } from '../cover-url.ts';

export type CoverFormat = 'webp' | 'png' | 'jpg';
const TYPES: Record<CoverFormat, string> = { webp: 'image/webp', png: 'image/png', jpg: 'image/jpeg' };

const PublishedCover = z.object({
  title: z.string(),
  audience: z.string().nullable(),
  cover: z.object({ id: z.string(), modified_on: z.string().nullable() }).nullable(),
});

export type CoverAnswer =
  | { status: 404 }
  | { status: 304; etag: string }
  | { status: 200; etag: string; type: string; body: Uint8Array<ArrayBuffer> };

/**
 * What `GET /cursos/<slug>/portada` answers. Anonymous reads only: Directus's public policy shows
 * published courses and the files that are their covers, nothing else, so a draft's or an archived
 * course's cover is a 404 here whoever asks. The image comes from Directus's assets, resized and
 * converted there (`width`, `format`); a published course without a stored cover (one published before
 * covers existed) gets its drawn cover, made here. The ETag names the file, its last change, the width
 * and the format.
 */
export async function serveCover(input: {
  slug: string;
  width: number;
  format: CoverFormat;
  ifNoneMatch: string | null;
}): Promise<CoverAnswer> {
  if (!Slug.safeParse(input.slug).success) return { status: 404 };
  const width = snapWidth(input.width);
  const [course] = await directusGet(
    '/items/courses',
    {
      fields: 'title,audience,cover.id,cover.modified_on',
      filter: JSON.stringify({ slug: { _eq: input.slug } }),
      limit: '1',
    },
    z.array(PublishedCover),
    { fresh: true },
  );
  if (!course) return { status: 404 };
  const version = course.cover
    ? `${course.cover.id}:${course.cover.modified_on ?? ''}`
    : `drawn:${course.title}:${course.audience ?? ''}`;
  const etag = `"${createHash('sha256').update(`${version}:${width}:${input.format}`).digest('base64url').slice(0, 27)}"`;
  if (input.ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag))
    return { status: 304, etag };

  if (!course.cover) {
    const png = await renderCoverPng({ title: course.title, subject: course.audience });
    const image = sharp(png).resize({ width });
    const body = await (input.format === 'png'
      ? image.png()
      : input.format === 'jpg'
        ? image.jpeg({ quality: 82 })
        : image.webp({ quality: 82 })
    ).toBuffer();
    return { status: 200, etag, type: TYPES[input.format], body: new Uint8Array(body) };
  }
  const params = new URLSearchParams({
    width: String(width),
    format: input.format,
    quality: '82',
    withoutEnlargement: 'true',
  });
  const res = await fetch(`${env.DIRECTUS_URL}/assets/${course.cover.id}?${params}`, {
    cache: 'no-store',
    signal: AbortSignal.timeout(15_000),
  });
  // Unpublished between the two reads: Directus refuses the file to the public.
  if (res.status === 403 || res.status === 404) return { status: 404 };
  if (!res.ok) throw new Error(`Directus answered ${res.status} for a cover`);
  return { status: 200, etag, type: TYPES[input.format], body: new Uint8Array(await res.arrayBuffer()) };
}
