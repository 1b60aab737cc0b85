import { en } from './en.ts';
import { es } from './es.ts';
import type { Locale } from './locales.ts';

export { AUTONYMS, DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, LOCALES, type Locale } from './locales.ts';

export type Dictionary = typeof es;

const dictionaries: Record<Locale, Dictionary> = { es, en };

/** Both languages' strings: for server code. Client components read theirs with `useDictionary()`. */
export function dictionary(locale: Locale): Dictionary {
  return dictionaries[locale];
}
