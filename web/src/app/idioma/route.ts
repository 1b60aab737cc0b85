import { NextResponse } from 'next/server';
import { isLocale, LOCALE_COOKIE } from '../../i18n/dictionary.ts';
import { localPath } from '../../lib/local-path.ts';

const ONE_YEAR = 60 * 60 * 24 * 365;

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
