'use client';
import { type ReactNode, useMemo } from 'react';
import { enStaff } from './en-staff.ts';
import { StringsProvider, useDictionary } from './locale-context.tsx';

/** The English strings of the studio and the admin panel, added to every page's: a chunk only their pages load. */
export function EnglishStaffStrings({ children }: { children: ReactNode }) {
  const { locale, t } = useDictionary();
  const value = useMemo(() => ({ locale, t: { ...t, ...enStaff } }), [locale, t]);
  return <StringsProvider value={value}>{children}</StringsProvider>;
}
