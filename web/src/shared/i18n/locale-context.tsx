'use client';
import { createContext, type ReactNode, useContext } from 'react';
import { DEFAULT_LOCALE, type Dictionary, dictionary, type Locale } from './dictionary.ts';

const LocaleContext = createContext<Locale>(DEFAULT_LOCALE);

/** Hands the server-chosen locale to client components (error boundary, loading state, switcher). */
export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return <LocaleContext value={locale}>{children}</LocaleContext>;
}

export function useDictionary(): { locale: Locale; t: Dictionary } {
  const locale = useContext(LocaleContext);
  return { locale, t: dictionary(locale) };
}
