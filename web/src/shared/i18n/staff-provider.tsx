'use client';
import dynamic from 'next/dynamic';
import type { ReactNode } from 'react';
import type { Locale } from './locales.ts';

// Like locale-provider.tsx, one chunk per language: the studio's and the admin panel's strings (two
// thirds of a language's) reach only the pages of the studio and the admin panel.
const SpanishStaffStrings = dynamic(() => import('./staff-es.tsx').then((module) => module.SpanishStaffStrings));
const EnglishStaffStrings = dynamic(() => import('./staff-en.tsx').then((module) => module.EnglishStaffStrings));

/** The studio's and the admin panel's strings for the client components below (their layouts render it). */
export function StaffLocaleProvider({ locale, children }: { locale: Locale; children: ReactNode }) {
  return locale === 'en' ? (
    <EnglishStaffStrings>{children}</EnglishStaffStrings>
  ) : (
    <SpanishStaffStrings>{children}</SpanishStaffStrings>
  );
}
