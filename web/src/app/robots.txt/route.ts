import { publicUrl } from '../../shared/edge/public-url.ts';

export const dynamic = 'force-dynamic';

/**
 * For crawlers: the catalogue and the public course pages are theirs; the studio, the admin panel and
 * the API are not. Lessons, signing in and My courses stay crawlable on purpose: a crawler must be
 * able to read their `noindex` (and a lesson's redirect to its course page) to keep them out of results.
 */
export function GET(request: Request) {
  const base = publicUrl(request.headers);
  const lines = [
    'User-agent: *',
    'Allow: /',
    'Allow: /cursos/',
    'Disallow: /studio',
    'Disallow: /admin',
    'Disallow: /api/',
    'Disallow: /salir',
    'Disallow: /idioma',
    ...(base ? ['', `Sitemap: ${base}/sitemap.xml`] : []),
  ];
  return new Response(`${lines.join('\n')}\n`, {
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'public, max-age=3600' },
  });
}
