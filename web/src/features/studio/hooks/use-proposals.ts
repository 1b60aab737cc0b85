'use client';
import type { Level, ProposalView } from '@aula/domain';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { lessonCountOf } from '../estimate.ts';
import { callStudio } from './save-call.ts';

export type Busy = { id: string; action: 'accept' | 'dismiss' } | null;
export type Problem = { id: string; field?: 'lessonCount'; message: string };

/**
 * The proposals of one list and what can be done with a new one: accept it (a course request with
 * the lesson count and level of its form; then straight to its run) or dismiss it (gone from the
 * list, said to screen readers, focus on the next proposal).
 */
export function useProposals(initial: ProposalView[]) {
  const { t } = useDictionary();
  const p = t.studio.proposals;
  const router = useRouter();
  const [proposals, setProposals] = useState(initial);
  const [busy, setBusy] = useState<Busy>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLDivElement>(null);

  function failure(id: string, answer: { fields: string[] }, status: number | undefined) {
    if (answer.fields.includes('lessonCount'))
      return { id, field: 'lessonCount' as const, message: p.lessonCountProblem };
    return { id, message: status === 409 ? p.conflict : p.actionFailed };
  }

  async function accept(proposal: ProposalView, form: HTMLFormElement) {
    const input = form.elements.namedItem('lessonCount') as HTMLInputElement;
    const lessonCount = lessonCountOf(input.value);
    if (lessonCount === null) {
      setProblem({ id: proposal.id, field: 'lessonCount', message: p.lessonCountProblem });
      input.focus();
      return;
    }
    setProblem(null);
    setBusy({ id: proposal.id, action: 'accept' });
    const level = (form.elements.namedItem('level') as HTMLSelectElement).value as Level;
    const answer = await callStudio<{ runId: string }>(`/api/studio/proposals/${proposal.id}/accept`, 'POST', {
      lessonCount,
      level,
    });
    if (answer.ok) {
      router.push(`/studio/runs/${answer.data.runId}`);
      return;
    }
    setBusy(null);
    setProblem(failure(proposal.id, answer, answer.status));
  }

  async function dismiss(proposal: ProposalView) {
    setProblem(null);
    setBusy({ id: proposal.id, action: 'dismiss' });
    const answer = await callStudio(`/api/studio/proposals/${proposal.id}/dismiss`, 'POST', {});
    setBusy(null);
    if (!answer.ok) {
      setProblem(failure(proposal.id, answer, answer.status));
      return;
    }
    const at = proposals.findIndex((each) => each.id === proposal.id);
    const rest = proposals.filter((each) => each.id !== proposal.id);
    setProposals(rest);
    setAnnouncement(p.dismissed(proposal.title));
    // The other filters (and this one, when visited again) are read anew, not from the router's cache.
    router.refresh();
    // Focus to the proposal that took its place (or the one before it), else to the list.
    const next = rest[Math.min(at, rest.length - 1)];
    requestAnimationFrame(() => {
      const heading = next ? document.getElementById(`proposal-${next.id}`) : listRef.current;
      heading?.focus();
    });
  }

  return { proposals, busy, problem, announcement, listRef, accept, dismiss };
}
