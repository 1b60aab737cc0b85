'use client';
import dynamic from 'next/dynamic';
import type { ReactNode } from 'react';
import type { Locale } from './locales.ts';

// Each language's strings are a chunk of their own, loaded by the page that renders them: the server
// renders the provider, and the page's HTML loads only its language's chunk (both languages, in the
// root layout's scripts, were about 27 kB gzip of every page's JavaScript).
const SpanishStrings = dynamic(() => import('./locale-es.tsx').then((module) => module.SpanishStrings));
const EnglishStrings = dynamic(() => import('./locale-en.tsx').then((module) => module.EnglishStrings));

/** The server-chosen language's strings for the client components below. */
export function LocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return locale === 'en' ? <EnglishStrings>{children}</EnglishStrings> : <SpanishStrings>{children}</SpanishStrings>;
}
