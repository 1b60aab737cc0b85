import { type CoverFormat, serveCover } from '../../../../features/covers/server/serve-cover.ts';

/**
 * `GET /cursos/<slug>/portada?w=<width>[&format=webp|png|jpg]`: a published course's cover, resized
 * (widths 320–1200, snapped), as WebP when the browser takes it and PNG otherwise, unless `format`
 * says. 404 for a draft, an archived course or none. Cached by browsers and proxies for a day
 * (the pages link it with the cover's version, so a new cover is a new address), revalidated by ETag.
 */
export async function GET(request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const url = new URL(request.url);
  const asked = Number(url.searchParams.get('w') ?? 640);
  const width = Number.isFinite(asked) && asked > 0 ? asked : 640;
  const named = url.searchParams.get('format');
  const format: CoverFormat =
    named === 'png' || named === 'jpg' || named === 'webp'
      ? named
      : (request.headers.get('accept') ?? '').includes('image/webp')
        ? 'webp'
        : 'png';
  const answer = await serveCover({ slug, width, format, ifNoneMatch: request.headers.get('if-none-match') });
  if (answer.status === 404) {
    return new Response('No such course.', {
      status: 404,
      headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' },
    });
  }
  const headers = {
    etag: answer.etag,
    'cache-control': 'public, max-age=86400, stale-while-revalidate=604800',
    vary: 'Accept',
    'x-content-type-options': 'nosniff',
  };
  if (answer.status === 304) return new Response(null, { status: 304, headers });
  return new Response(answer.body, {
    status: 200,
    headers: { ...headers, 'content-type': answer.type, 'content-length': String(answer.body.byteLength) },
  });
}
