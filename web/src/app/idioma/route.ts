import { NextResponse } from 'next/server';
import { isLocale, LOCALE_COOKIE } from '../../i18n/dictionary.ts';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** Only paths on this site: never an open redirect to another origin. */
function localPath(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/')) return null;
  const base = 'http://aula.invalid';
  const url = new URL(value, base);
  return url.origin === base ? `${url.pathname}${url.search}${url.hash}` : null;
}

function refererPath(request: Request): string | null {
  const referer = request.headers.get('referer');
  if (!referer || !URL.canParse(referer)) return null;
  const url = new URL(referer);
  return url.host === request.headers.get('host') ? localPath(`${url.pathname}${url.search}`) : null;
}

/** The language switcher's form: remember the choice for a year, then go back to the page. */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => null);
  const locale = form?.get('locale');
  const back = localPath(form?.get('next')) ?? refererPath(request) ?? '/';
  const response = new NextResponse(null, { status: 303, headers: { location: back } });
  if (isLocale(locale)) {
    response.cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: ONE_YEAR, sameSite: 'lax', httpOnly: true });
  }
  return response;
}
