'use client';
import { type ReactNode, useMemo } from 'react';
import { esStaff } from './es-staff.ts';
import { StringsProvider, useDictionary } from './locale-context.tsx';

/** The Spanish strings of the studio and the admin panel, added to every page's: a chunk only their pages load. */
export function SpanishStaffStrings({ children }: { children: ReactNode }) {
  const { locale, t } = useDictionary();
  const value = useMemo(() => ({ locale, t: { ...t, ...esStaff } }), [locale, t]);
  return <StringsProvider value={value}>{children}</StringsProvider>;
}
