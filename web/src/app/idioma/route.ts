import { localPath } from '../../shared/edge/local-path.ts';
import { redirectTo } from '../../shared/edge/redirect.ts';
import { ownOrigins } from '../../shared/edge/site-origin.ts';
import { isLocale, LOCALE_COOKIE } from '../../shared/i18n/dictionary.ts';

const ONE_YEAR = 60 * 60 * 24 * 365;

/** The language switcher's form: remember the choice for a year, then go back to the page. */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => null);
  const locale = form?.get('locale');
  const back = localPath(form?.get('next')) ?? localPath(request.headers.get('referer'), ownOrigins(request.headers));
  const response = redirectTo(back, { status: 303 });
  if (isLocale(locale)) {
    response.cookies.set(LOCALE_COOKIE, locale, { path: '/', maxAge: ONE_YEAR, sameSite: 'lax', httpOnly: true });
  }
  return response;
}
