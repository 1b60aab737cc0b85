'use client';
import type { ProposalStatus, ProposalView } from '@aula/domain';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { useProposals } from '../hooks/use-proposals.ts';
import { ProposalCard } from './proposal-card.tsx';

/**
 * The proposals in one state. New ones can be accepted (a course request with the lesson count and
 * level given here; then straight to its run) or dismissed (gone from the list, said to screen readers,
 * focus on the next proposal).
 */
export function ProposalList({ initial, status }: { initial: ProposalView[]; status: ProposalStatus }) {
  const { t } = useDictionary();
  const { proposals, busy, problem, announcement, listRef, accept, dismiss } = useProposals(initial);
  return (
    <div ref={listRef} tabIndex={-1} className="proposals">
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {proposals.length === 0 ? <p>{t.studio.proposals.empty[status]}</p> : null}
      {proposals.map((proposal) => (
        <ProposalCard
          key={proposal.id}
          proposal={proposal}
          busy={busy}
          mine={problem?.id === proposal.id ? problem : null}
          accept={accept}
          dismiss={dismiss}
        />
      ))}
    </div>
  );
}
