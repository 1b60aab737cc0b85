import { type NextRequest, NextResponse } from 'next/server';
import { courseExists } from './lib/course-exists.ts';

/**
 * Next 15 draws a page's `notFound()` in the browser only: the HTML of that 404 has an empty body
 * (vercel/next.js#62228), so without JavaScript, and for crawlers, it is blank. A URL that matches
 * no route, though, is server-rendered with `not-found.tsx`. So a document request for a course that
 * does not exist (or is not published) is rewritten here to such a URL. Client-side navigations
 * (RSC requests) skip this: the browser renders their not-found page itself. The page keeps its
 * own `notFound()` for those, and for a course unpublished between the two reads.
 */
export async function middleware(request: NextRequest) {
  if (request.headers.has('rsc')) return NextResponse.next();
  const slug = safeDecode(request.nextUrl.pathname.split('/')[2] ?? '');
  if (slug === null || (await courseExists({ slug })) === false) {
    return NextResponse.rewrite(new URL('/_aula/curso-no-encontrado', request.url));
  }
  return NextResponse.next();
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export const config = { matcher: '/cursos/:slug', runtime: 'nodejs' };
