'use client';
import type { ReactNode } from 'react';
import { en } from './en.ts';
import { learnerStrings, StringsProvider } from './locale-context.tsx';

const STRINGS = { locale: 'en', t: learnerStrings(en) } as const;

/** The English strings for client components: a module of its own, so a Spanish page does not load them. */
export function EnglishStrings({ children }: { children: ReactNode }) {
  return <StringsProvider value={STRINGS}>{children}</StringsProvider>;
}
