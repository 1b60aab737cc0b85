import type { Metadata } from 'next';
import Link from 'next/link';
import { ProviderCheckPanel } from '../../../features/studio/components/provider-check.tsx';
import { requireAdministrator } from '../../../features/studio/server/staff.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.providers.title, robots: { index: false } };
}

/** Administrators check, with the configured keys, that each provider and model answers. */
export default async function ProvidersPage() {
  await requireAdministrator('/studio/proveedores');
  const { t } = await getDictionary();
  return (
    <div className="container studio">
      <p className="studio__back">
        <Link href="/studio">{t.studio.run.back}</Link>
      </p>
      <h1>{t.studio.providers.title}</h1>
      <p className="studio__intro">{t.studio.providers.intro}</p>
      <ProviderCheckPanel />
    </div>
  );
}
