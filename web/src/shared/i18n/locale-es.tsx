'use client';
import type { ReactNode } from 'react';
import { es } from './es.ts';
import { learnerStrings, StringsProvider } from './locale-context.tsx';

const STRINGS = { locale: 'es', t: learnerStrings(es) } as const;

/** The Spanish strings for client components: a module of its own, so an English page does not load them. */
export function SpanishStrings({ children }: { children: ReactNode }) {
  return <StringsProvider value={STRINGS}>{children}</StringsProvider>;
}
