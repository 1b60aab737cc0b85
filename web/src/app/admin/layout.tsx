import type { ReactNode } from 'react';
import { getDictionary } from '../../shared/i18n/get-locale.ts';
import { StaffLocaleProvider } from '../../shared/i18n/staff-provider.tsx';

/** The admin panel's pages: the site's frame, with the panel's strings for client components (its loading state too). */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { locale } = await getDictionary();
  return <StaffLocaleProvider locale={locale}>{children}</StaffLocaleProvider>;
}
