import type { ReactNode } from 'react';
import { getDictionary } from '../../shared/i18n/get-locale.ts';
import { StaffLocaleProvider } from '../../shared/i18n/staff-provider.tsx';
import './studio.css';

/**
 * The studio's pages: the site's frame, with the studio's own styles (review layout, publish bar, cards)
 * and its strings for client components (only the studio's and the admin panel's pages load them).
 */
export default async function StudioLayout({ children }: { children: ReactNode }) {
  const { locale } = await getDictionary();
  return <StaffLocaleProvider locale={locale}>{children}</StaffLocaleProvider>;
}
