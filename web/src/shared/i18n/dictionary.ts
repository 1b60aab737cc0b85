import { LANGUAGES, type Language } from '@aula/domain';
import { en } from './en.ts';
import { es } from './es.ts';

/** The UI languages are the course languages. */
export type Locale = Language;
export const LOCALES = LANGUAGES;
export const DEFAULT_LOCALE: Locale = 'es';
/** The cookie that remembers the visitor's choice of UI language. */
export const LOCALE_COOKIE = 'aula_locale';

export type Dictionary = typeof es;

const dictionaries: Record<Locale, Dictionary> = { es, en };

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

export function dictionary(locale: Locale): Dictionary {
  return dictionaries[locale];
}

/** What each language calls itself, for the switcher. */
export const AUTONYMS: Record<Locale, string> = { es: 'Español', en: 'English' };
