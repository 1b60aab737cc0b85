import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { AccountNav } from '../features/auth/components/account-nav.tsx';
import { isAdministrator, staffAccess } from '../features/studio/server/staff.ts';
import { LanguageSwitcher } from '../shared/components/language-switcher.tsx';
import { getDictionary } from '../shared/i18n/get-locale.ts';
import { LocaleProvider } from '../shared/i18n/locale-provider.tsx';
import { getCurrentUser } from '../shared/session/get-current-user.ts';
import { getAccessToken } from '../shared/session/session-store.ts';
import './globals.css';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return {
    title: { template: `%s · ${t.site.name}`, default: `${t.site.name} · ${t.site.tagline}` },
    description: t.site.tagline,
  };
}

export const viewport: Viewport = {
  // The page may reach under a phone's notch and home bar; what is fixed there keeps clear (env(safe-area-inset-*)).
  viewportFit: 'cover',
  themeColor: [
    { media: '(prefers-color-scheme: light)', color: '#f7f5f0' },
    { media: '(prefers-color-scheme: dark)', color: '#16181d' },
  ],
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await getDictionary();
  const user = await getCurrentUser();
  const staff = user ? await isStaffVisitor() : false;
  const administrator = staff ? await isAdministratorVisitor() : false;
  return (
    <html lang={locale}>
      <body>
        <LocaleProvider locale={locale}>
          <a className="skip-link" href="#contenido">
            {t.site.skipToContent}
          </a>
          <header className="site-header">
            <div className="container site-header__inner">
              <Link href="/" className="brand">
                <span aria-hidden="true" className="brand__mark">
                  A
                </span>
                {t.site.name}
                <span className="sr-only">{t.site.homeSuffix}</span>
              </Link>
              <nav aria-label={t.site.mainNav} className="site-nav">
                <ul>
                  <li>
                    <Link href="/">{t.site.courses}</Link>
                  </li>
                  {user ? (
                    <li>
                      <Link href="/mis-cursos">{t.account.myCourses}</Link>
                    </li>
                  ) : null}
                  {staff ? (
                    <li>
                      <Link href="/studio">{t.studio.nav}</Link>
                    </li>
                  ) : null}
                  {administrator ? (
                    <li>
                      <Link href="/admin">{t.admin.nav}</Link>
                    </li>
                  ) : null}
                </ul>
              </nav>
              <AccountNav user={user} t={t} />
              <LanguageSwitcher />
            </div>
          </header>
          <main id="contenido" tabIndex={-1} className="container site-main">
            {children}
          </main>
          <footer className="site-footer">
            <div className="container">
              <p>{t.site.footer}</p>
            </div>
          </footer>
        </LocaleProvider>
      </body>
    </html>
  );
}

/** Whether the header offers the studio: only to content managers and administrators (never fails a page). */
async function isStaffVisitor(): Promise<boolean> {
  const token = await getAccessToken();
  if (!token) return false;
  return (await staffAccess(token).catch(() => 'not-staff')) === 'staff';
}

/** Whether the header offers the admin panel: only to administrators (the same cached role read as above). */
async function isAdministratorVisitor(): Promise<boolean> {
  const token = await getAccessToken();
  return token ? isAdministrator(token).catch(() => false) : false;
}
