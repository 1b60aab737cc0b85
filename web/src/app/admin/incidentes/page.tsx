import type { Metadata } from 'next';
import Link from 'next/link';
import { IncidentsView } from '../../../features/admin/components/incidents-view.tsx';
import { adminAccess } from '../../../features/admin/server/admin-access.ts';
import { readIncidents } from '../../../features/admin/server/ops-client.ts';
import { goTo } from '../../../shared/edge/redirect.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { getAccessToken, redirectToSignIn } from '../../../shared/session/session-store.ts';
import '../admin.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.admin.incidents.title, robots: { index: false } };
}

/** The ops agent's incidents (decision 023): administrators only, like the rest of the panel. */
export default async function IncidentsPage() {
  const access = await adminAccess(await getAccessToken());
  if (!access.admin) {
    if (access.signedOut) redirectToSignIn('/admin/incidentes');
    goTo('/');
  }
  const { t, locale } = await getDictionary();
  return (
    <div className="container admin">
      <p>
        <Link href="/admin">{t.admin.incidents.back}</Link>
      </p>
      <h1>{t.admin.incidents.title}</h1>
      <p className="admin__intro">{t.admin.incidents.intro}</p>
      <IncidentsView answer={await readIncidents()} t={t.admin.incidents} locale={locale} />
    </div>
  );
}
