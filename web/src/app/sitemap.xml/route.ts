import { listPublishedSlugs } from '../../features/catalogue/server/list-published-slugs.ts';
import { publicUrl } from '../../shared/edge/public-url.ts';

export const dynamic = 'force-dynamic';

const xmlEscape = (text: string) =>
  text.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c);

/**
 * The sitemap: the catalogue and every published course page (never a draft, an archived course or a
 * lesson, which needs an account), on the site's public address. Directus down: a 503 (crawlers come
 * back), not an empty sitemap that would tell them every course is gone.
 */
export async function GET(request: Request) {
  const base = publicUrl(request.headers);
  let courses: Awaited<ReturnType<typeof listPublishedSlugs>>;
  try {
    courses = await listPublishedSlugs();
  } catch {
    return new Response('The course catalogue is not available right now.', {
      status: 503,
      headers: { 'retry-after': '300', 'cache-control': 'no-store' },
    });
  }
  const urls = base
    ? [
        `  <url><loc>${xmlEscape(`${base}/`)}</loc></url>`,
        ...courses.map(
          ({ slug, publishedAt }) =>
            `  <url><loc>${xmlEscape(`${base}/cursos/${encodeURIComponent(slug)}`)}</loc>${
              publishedAt ? `<lastmod>${xmlEscape(new Date(publishedAt).toISOString())}</lastmod>` : ''
            }</url>`,
        ),
      ]
    : [];
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`;
  return new Response(xml, {
    headers: { 'content-type': 'application/xml; charset=utf-8', 'cache-control': 'public, max-age=300' },
  });
}
