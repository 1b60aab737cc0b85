import 'server-only';
import { NextResponse } from 'next/server';
import { DEFAULT_LOCALE, dictionary, isLocale } from '../../../shared/i18n/dictionary.ts';
import { adminAccess } from './admin-access.ts';

/** The panel's pages: `/admin` and below. */
export const isAdminPage = (pathname: string) => pathname === '/admin' || pathname.startsWith('/admin/');

/**
 * The middleware's door to the panel, decided before the page renders so that a refusal is a real
 * HTTP answer: signed out (or a session Directus refuses) → sign in and come back; signed in without
 * the Administrator role → 403. `null`: let them in (the page checks again).
 */
export async function adminGate(
  token: string | undefined,
  forwardedFor: string | undefined,
): Promise<'sign-in' | 'forbidden' | null> {
  const access = await adminAccess(token, forwardedFor);
  if (access.admin) return null;
  return access.signedOut ? 'sign-in' : 'forbidden';
}

/** The 403 page of the panel, in the visitor's language, with a way back. */
export function forbiddenPage(localeCookie: string | undefined): NextResponse {
  const t = dictionary(isLocale(localeCookie) ? localeCookie : DEFAULT_LOCALE).admin;
  const html = `<!doctype html><html lang="${isLocale(localeCookie) ? localeCookie : DEFAULT_LOCALE}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t.forbiddenTitle}</title></head><body style="font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem"><main><h1>${t.forbiddenTitle}</h1><p>${t.forbidden}</p><p><a href="/">${t.backHome}</a></p></main></body></html>`;
  return new NextResponse(html, {
    status: 403,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
  });
}
