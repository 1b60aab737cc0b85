'use client';
import { createContext, type ReactNode, useContext } from 'react';
import type { Dictionary, LearnerDictionary } from './dictionary.ts';
import type { Locale } from './locales.ts';

export type Strings = { locale: Locale; t: Dictionary };
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

const STAFF_SECTIONS = ['studio', 'admin'] as const;

/**
 * The strings of every page. The staff's sections are not among them: reading one outside the studio or
 * the admin panel (whose layouts add them, `staff-provider.tsx`) throws, rather than render nothing.
 */
export function learnerStrings(t: LearnerDictionary): Dictionary {
  const strings = { ...t } as Dictionary;
  for (const section of STAFF_SECTIONS) {
    // Not enumerable: the staff provider spreads these strings and adds its own sections.
    Object.defineProperty(strings, section, {
      enumerable: false,
      get() {
        throw new Error(`t.${section} is read outside the studio and the admin panel, whose layouts bring it`);
      },
    });
  }
  return strings;
}
