import { en } from './en.ts';
import { enStaff } from './en-staff.ts';
import { es } from './es.ts';
import { esStaff } from './es-staff.ts';
import type { Locale } from './locales.ts';

export { AUTONYMS, DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, LOCALES, type Locale } from './locales.ts';

/** The strings every page may show. */
export type LearnerDictionary = typeof es;
/** The studio's and the admin panel's strings: only their pages' scripts carry them. */
export type StaffDictionary = typeof esStaff;
export type Dictionary = LearnerDictionary & StaffDictionary;

const dictionaries: Record<Locale, Dictionary> = { es: { ...es, ...esStaff }, en: { ...en, ...enStaff } };

/** Every string of a language: for server code. Client components read theirs with `useDictionary()`. */
export function dictionary(locale: Locale): Dictionary {
  return dictionaries[locale];
}
