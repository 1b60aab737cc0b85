import 'server-only';
import { cookies } from 'next/headers';
import { DEFAULT_LOCALE, type Dictionary, dictionary, isLocale, LOCALE_COOKIE, type Locale } from './dictionary.ts';

/** The visitor's UI language: the `aula_locale` cookie when it names one, Spanish otherwise. */
export async function getLocale(): Promise<Locale> {
  const value = (await cookies()).get(LOCALE_COOKIE)?.value;
  return isLocale(value) ? value : DEFAULT_LOCALE;
}

export async function getDictionary(): Promise<{ locale: Locale; t: Dictionary }> {
  const locale = await getLocale();
  return { locale, t: dictionary(locale) };
}
