import type { Language } from '@aula/domain';

// What client components may import: no dictionary here. Each dictionary reaches the browser only
// through its own provider (locale-provider.tsx), so a page ships the strings of its language alone.

/** The UI languages are the course languages. */
export type Locale = Language;
// @aula/domain's LANGUAGES, spelt here: a value imported from there would bring zod (15 kB gzip) into
// every page's scripts, as client components read this module. `satisfies` keeps the two lists equal.
const LOCALE_NAMES = { es: true, en: true } as const satisfies Record<Language, true>;
export const LOCALES = Object.keys(LOCALE_NAMES) as Locale[];
export const DEFAULT_LOCALE: Locale = 'es';
/** The cookie that remembers the visitor's choice of UI language. */
export const LOCALE_COOKIE = 'aula_locale';

export function isLocale(value: unknown): value is Locale {
  return (LOCALES as readonly unknown[]).includes(value);
}

/** What each language calls itself, for the switcher. */
export const AUTONYMS: Record<Locale, string> = { es: 'Español', en: 'English' };
