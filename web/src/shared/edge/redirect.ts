import { redirect } from 'next/navigation';
import { NextResponse } from 'next/server';
import { localPath } from './local-path.ts';
import { siteOrigin } from './site-origin.ts';

// Every redirect of the site goes through one of these three, and so through `localPath`
// (redirect.test.ts beside it keeps it that way). Relative Locations keep the host the person used:
// cookies are per host, and a redirect to another name of the same site would split the session.

/** Pages and server actions: go to `target` when it is a path of this site, else to `fallback`. */
export function goTo(target: unknown, fallback = '/'): never {
  redirect(localPath(target) ?? fallback);
}

/** Route handlers: a redirect to `target` (a path of this site, else `fallback`), as a relative Location. */
export function redirectTo(target: unknown, { status, fallback = '/' }: { status: 303 | 307; fallback?: string }) {
  return new NextResponse(null, { status, headers: { location: localPath(target) ?? fallback } });
}

/**
 * Middleware: the same, but absolute, as Next requires there. Next names itself `localhost` (for
 * 127.0.0.1 too), so the origin is the one web/server.ts resolved for the request (`siteOrigin`).
 */
export function middlewareRedirect(
  headers: { get(name: string): string | null },
  target: unknown,
  { fallback = '/' }: { fallback?: string } = {},
): NextResponse {
  const path = localPath(target) ?? fallback;
  const origin = siteOrigin(headers);
  return new NextResponse(null, { status: 307, headers: { location: origin ? new URL(path, origin).href : path } });
}
