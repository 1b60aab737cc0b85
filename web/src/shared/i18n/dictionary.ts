import type { Language } from '@aula/domain';
import { en } from './en.ts';
import { es } from './es.ts';

/** The UI languages are the course languages. */
export type Locale = Language;
// @aula/domain's LANGUAGES, spelt here: a value imported from there would bring zod (15 kB gzip) into
// every page's scripts, as client components read this module. `satisfies` keeps the two lists equal.
const LOCALE_NAMES = { es: true, en: true } as const satisfies Record<Language, true>;
export const LOCALES = Object.keys(LOCALE_NAMES) as Locale[];
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
