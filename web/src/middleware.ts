import { type NextRequest, NextResponse } from 'next/server';
import { adminGate, forbiddenPage, isAdminPage } from './features/admin/server/admin-gate.ts';
import { courseExists, PUBLISHED_LESSON_HEADER } from './features/catalogue/server/course-exists.ts';
import { DirectusError } from './shared/directus.ts';
import { clientIp } from './shared/edge/client-ip.ts';
import { refuseCrossSite } from './shared/edge/cross-site.ts';
import { behindEdge } from './shared/edge/edge-marker.ts';
import { middlewareRedirect } from './shared/edge/redirect.ts';
import { isHttps, ownOrigins } from './shared/edge/site-origin.ts';
import { resolveLocale } from './shared/i18n/accept-language.ts';
import { LOCALE_COOKIE } from './shared/i18n/dictionary.ts';
import { log } from './shared/log.ts';
import { refresh } from './shared/session/directus-auth.ts';
import {
  ACCESS_COOKIE,
  clearSession,
  needsRefresh,
  REFRESH_COOKIE,
  readSession,
  writeSession,
} from './shared/session/session.ts';

type CookieJar = Parameters<typeof writeSession>[0];

const SESSION_PATHS = new Set(['/entrar', '/registro', '/salir']);

export async function middleware(request: NextRequest) {
  if (!behindEdge()) return withoutEdge();
  // Before anything else runs: a mutation another site asked for changes nothing.
  const refused = refuseCrossSite({
    method: request.method,
    pathname: request.nextUrl.pathname,
    headers: request.headers,
    origins: ownOrigins(request.headers),
  });
  if (refused) return refusal(request, refused.status, refused.message);
  // Only this middleware may say a lesson was found published (see isMissingCourse): never the browser.
  request.headers.delete(PUBLISHED_LESSON_HEADER);
  const applySession = await refreshSession(request);
  // Headers passed on this way carry the refreshed cookies to the page or action behind.
  const init = { request: { headers: request.headers } };
  // The admin panel refuses with a real 403 (or sends to sign in) before its page renders.
  if (isAdminPage(request.nextUrl.pathname)) {
    const gate = await adminGate(readSession(request.cookies).accessToken, clientIp(request.headers));
    const refusal =
      gate === 'sign-in'
        ? middlewareRedirect(request.headers, `/entrar?${new URLSearchParams({ next: request.nextUrl.pathname })}`)
        : gate === 'forbidden'
          ? forbiddenPage(
              resolveLocale(request.cookies.get(LOCALE_COOKIE)?.value, request.headers.get('accept-language')),
            )
          : null;
    if (refusal) {
      applySession?.(refusal.cookies);
      return refusal;
    }
  }
  const missing = await isMissingCourse(request);
  const elsewhere = missing ? null : studentsOnly(request);
  const response = missing
    ? NextResponse.rewrite(new URL('/_aula/curso-no-encontrado', request.url), init)
    : elsewhere
      ? noindex(middlewareRedirect(request.headers, elsewhere))
      : NextResponse.next(init);
  applySession?.(response.cookies);
  return response;
}

/**
 * Pages for signed-in students send everyone else on, here rather than in the page: the page streams
 * behind its loading state, and a redirect from there would no longer be a real HTTP redirect.
 * A lesson sends to its course page (sign in and enrol there); My courses to sign in.
 */
function studentsOnly(request: NextRequest): string | null {
  if (request.method !== 'GET' || readSession(request.cookies).accessToken) return null;
  const { pathname } = request.nextUrl;
  if (pathname === '/mis-cursos') return `/entrar?${new URLSearchParams({ next: pathname })}`;
  const lesson = /^\/cursos\/([^/]+)\/lecciones\/[^/]+\/?$/.exec(pathname);
  return lesson ? `/cursos/${lesson[1]}?aviso=inscribete` : null;
}

/** A page for signed-in people, answered to someone signed out (a crawler): not for search results. */
function noindex(response: NextResponse): NextResponse {
  response.headers.set('x-robots-tag', 'noindex');
  return response;
}

/**
 * Keeps a signed-in student signed in: when the access token is missing or about to expire and a
 * refresh token is there, trade it at Directus for new ones, both for this request (pages and actions
 * read the new token) and for the browser (Set-Cookie). A refresh token Directus refuses ends the
 * session; Directus being down leaves it as it is.
 */
async function refreshSession(request: NextRequest): Promise<((jar: CookieJar) => void) | null> {
  // Signing in, up or out writes the session itself: a refresh here could overwrite what it wrote.
  if (SESSION_PATHS.has(request.nextUrl.pathname)) return null;
  const { accessToken, refreshToken } = readSession(request.cookies);
  if (!refreshToken || !needsRefresh(accessToken)) return null;
  const secure = isHttps(request.headers);
  try {
    const tokens = await refresh({ refreshToken, forwardedFor: clientIp(request.headers) });
    request.cookies.set(ACCESS_COOKIE, tokens.accessToken);
    request.cookies.set(REFRESH_COOKIE, tokens.refreshToken);
    return (jar) => writeSession(jar, tokens, { secure });
  } catch (error) {
    if (!(error instanceof DirectusError) || error.code === 'unavailable' || error.code === 'internal') return null;
    request.cookies.delete([ACCESS_COOKIE, REFRESH_COOKIE]);
    return (jar) => clearSession(jar, { secure });
  }
}

/**
 * Next 15 draws a page's `notFound()` in the browser only: the HTML of that 404 has an empty body
 * (vercel/next.js#62228), so without JavaScript, and for crawlers, it is blank. A URL that matches
 * no route, though, is server-rendered with `not-found.tsx`. So a document request for a course (or a
 * lesson of it) that does not exist or is not published is rewritten here to such a URL. Client-side
 * navigations (RSC requests) skip this: the browser renders their not-found page itself. The pages keep
 * their own `notFound()` for those, and for a course unpublished between the two reads.
 */
async function isMissingCourse(request: NextRequest): Promise<boolean> {
  if (request.headers.has('rsc') || request.method !== 'GET') return false;
  const [, section, course, sub, lesson, ...rest] = request.nextUrl.pathname.split('/');
  if (section !== 'cursos' || course === undefined) return false;
  const slug = safeDecode(course);
  if (slug === null) return true;
  const forwardedFor = clientIp(request.headers);
  if (sub === undefined || (sub === '' && lesson === undefined))
    return (await courseExists({ slug, forwardedFor })) === false;
  if (sub !== 'lecciones' || lesson === undefined || rest.length > 1) return false;
  const lessonSlug = safeDecode(lesson);
  if (lessonSlug === null) return true;
  const exists = await courseExists({ slug, lessonSlug, forwardedFor });
  // The lesson page reads this instead of asking Directus the same question again.
  if (exists) request.headers.set(PUBLISHED_LESSON_HEADER, `${slug}/${lessonSlug}`);
  return exists === false;
}

function refusal(request: NextRequest, status: 403 | 415, message: string): Response {
  const headers = { 'cache-control': 'no-store' };
  if (!request.nextUrl.pathname.startsWith('/api/')) return new Response(message, { status, headers });
  const code = status === 403 ? 'FORBIDDEN' : 'INVALID';
  return Response.json({ errors: [{ message, extensions: { code, details: [] } }] }, { status, headers });
}

let warned = false;
/** A bare `next start` would believe any X-Forwarded-* a browser sends: refuse to serve rather than that. */
function withoutEdge(): Response {
  if (!warned) log.error('start the site with `node server.ts` (web/server.ts), not `next start`');
  warned = true;
  return new Response('Aula was started without web/server.ts.', { status: 500 });
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

export const config = {
  matcher: '/((?!_next/static|_next/image|favicon.ico|icon.svg|apple-icon.png|icons/|manifest.webmanifest).*)',
  runtime: 'nodejs',
};
