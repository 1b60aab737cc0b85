import type { Metadata } from 'next';
import Link from 'next/link';
import { RunList } from '../../features/studio/components/run-list.tsx';
import { RunTotalsTable } from '../../features/studio/components/run-totals-table.tsx';
import { NewCourseLink, StudioPage } from '../../features/studio/components/studio-page.tsx';
import { isAdministrator, requireStaff } from '../../features/studio/server/staff.ts';
import { listRuns } from '../../features/studio/server/studio-api.ts';
import { getDictionary } from '../../shared/i18n/get-locale.ts';
import { orUnavailable } from '../../shared/or-unavailable.ts';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.title, robots: { index: false } };
}

/** The studio's home: request a course, and every run (newest first) with its status and totals. */
export default async function StudioHomePage() {
  const token = await requireStaff('/studio');
  const { locale, t } = await getDictionary();
  const administrator = await isAdministrator(token);
  const runs = await orUnavailable(listRuns({ token }));
  return (
    <StudioPage title={t.studio.title} action={<NewCourseLink label={t.studio.newCourse} />}>
      <nav aria-label={t.studio.title} className="studio__nav">
        <Link href="/studio/cursos">{t.studio.courses.nav}</Link>
        <Link href="/studio/propuestas">{t.studio.proposals.nav}</Link>
        {administrator ? <Link href="/studio/proveedores">{t.studio.providers.nav}</Link> : null}
      </nav>
      <p className="studio__intro">{t.studio.intro}</p>
      <h2>{t.studio.runsTitle}</h2>
      {runs === null ? (
        <p role="alert">{t.studio.runsFailed}</p>
      ) : (
        <>
          <RunList runs={runs} t={t} locale={locale} />
          <RunTotalsTable runs={runs} t={t} />
        </>
      )}
    </StudioPage>
  );
}
