import type { Metadata } from 'next';
import Link from 'next/link';
import { env } from '../../env.ts';
import { AdminPanel, type HostsAnswer } from '../../features/admin/components/admin-panel.tsx';
import { adminAccess } from '../../features/admin/server/admin-access.ts';
import { hostView } from '../../features/admin/server/agent-client.ts';
import { listServers, mainServer } from '../../features/admin/server/servers.ts';
import { goTo } from '../../shared/edge/redirect.ts';
import { getDictionary } from '../../shared/i18n/get-locale.ts';
import { getAccessToken, redirectToSignIn } from '../../shared/session/session-store.ts';
import './admin.css';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.admin.title, robots: { index: false } };
}

/**
 * The admin panel. The middleware has already refused everyone but administrators (403, or sign in);
 * the page asks again, as every server entry point does, and reads the servers for the first paint.
 */
export default async function AdminPage() {
  const access = await adminAccess(await getAccessToken());
  if (!access.admin) {
    if (access.signedOut) redirectToSignIn('/admin');
    goTo('/');
  }
  const { t } = await getDictionary();
  const servers = await listServers();
  const initial: HostsAnswer = servers.configured
    ? { configured: true, hosts: await Promise.all(servers.servers.map((server) => hostView(server, access.email))) }
    : { configured: false, problem: servers.problem, hosts: [] };
  const main = servers.configured ? mainServer(servers.servers) : undefined;
  return (
    <div className="container admin">
      <h1>{t.admin.title}</h1>
      <p className="admin__intro">{t.admin.intro}</p>
      <p>
        <Link href="/admin/incidentes">{t.admin.incidents.nav}</Link>
      </p>
      <AdminPanel initial={initial} mainHost={main?.name} backupKeep={env.AULA_BACKUP_KEEP} />
    </div>
  );
}
