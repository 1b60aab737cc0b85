import { PROPOSAL_STATUSES } from '@aula/domain';
import type { Metadata } from 'next';
import Link from 'next/link';
import { ProposalList } from '../../../features/studio/components/proposal-list.tsx';
import { StudioPage } from '../../../features/studio/components/studio-page.tsx';
import { listProposals, proposalStatusOf } from '../../../features/studio/server/proposals-api.ts';
import { requireStaff } from '../../../features/studio/server/staff.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { orUnavailable } from '../../../shared/or-unavailable.ts';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<{ estado?: string | string[] }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.proposals.title, robots: { index: false } };
}

/** The trend scan's topic proposals, one state at a time (`?estado=accepted|dismissed`, new by default). */
export default async function ProposalsPage({ searchParams }: Props) {
  const token = await requireStaff('/studio/propuestas');
  const status = proposalStatusOf((await searchParams).estado);
  const { t } = await getDictionary();
  const p = t.studio.proposals;
  const proposals = await orUnavailable(listProposals({ token, status }));
  return (
    <StudioPage back={{ href: '/studio', label: t.studio.run.back }} title={p.title} intro={p.intro}>
      <nav aria-label={p.filter} className="studio__nav studio__filter">
        {PROPOSAL_STATUSES.map((each) => (
          <Link
            key={each}
            href={each === 'new' ? '/studio/propuestas' : `/studio/propuestas?estado=${each}`}
            aria-current={each === status ? 'page' : undefined}
          >
            {p.statuses[each]}
          </Link>
        ))}
      </nav>
      <h2>{p.statuses[status]}</h2>
      {proposals === null ? (
        <p role="alert">{p.failed}</p>
      ) : (
        <ProposalList key={status} initial={proposals} status={status} />
      )}
    </StudioPage>
  );
}
