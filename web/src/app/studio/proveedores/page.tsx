import type { Metadata } from 'next';
import { ProviderCheckPanel } from '../../../features/studio/components/provider-check.tsx';
import { StudioPage } from '../../../features/studio/components/studio-page.tsx';
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
    <StudioPage
      back={{ href: '/studio', label: t.studio.run.back }}
      title={t.studio.providers.title}
      intro={t.studio.providers.intro}
    >
      <ProviderCheckPanel />
    </StudioPage>
  );
}
