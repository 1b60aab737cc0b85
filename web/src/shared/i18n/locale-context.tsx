'use client';
import { createContext, type ReactNode, useContext } from 'react';
import type { Dictionary } from './dictionary.ts';
import type { Locale } from './locales.ts';

type Strings = { locale: Locale; t: Dictionary };
const LocaleContext = createContext<Strings | null>(null);

/** Hands one language's strings to the client components below (error boundary, loading state, switcher…). */
export function StringsProvider({ value, children }: { value: Strings; children: ReactNode }) {
  return <LocaleContext value={value}>{children}</LocaleContext>;
}

export function useDictionary(): Strings {
  const strings = useContext(LocaleContext);
  if (!strings)
    throw new Error('useDictionary() outside <LocaleProvider> (the root layout puts one around every page)');
  return strings;
}
