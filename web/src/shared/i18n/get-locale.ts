import 'server-only';
import { cookies, headers } from 'next/headers';
import { resolveLocale } from './accept-language.ts';
import { type Dictionary, dictionary, LOCALE_COOKIE, type Locale } from './dictionary.ts';

/**
 * The visitor's UI language: the `aula_locale` cookie when it names one (the person chose it with the
 * switcher), else the browser's `Accept-Language` (es or en), else Spanish.
 */
export async function getLocale(): Promise<Locale> {
  const [jar, sent] = await Promise.all([cookies(), headers()]);
  return resolveLocale(jar.get(LOCALE_COOKIE)?.value, sent.get('accept-language'));
}

export async function getDictionary(): Promise<{ locale: Locale; t: Dictionary }> {
  const locale = await getLocale();
  return { locale, t: dictionary(locale) };
}
