import 'server-only';
import { type AcceptProposalRequest, AcceptProposalResult, type ProposalStatus, ProposalView } from '@aula/domain';
import { z } from 'zod';
import { directusFetch, parseAnswer } from '../../../shared/directus.ts';

// Topic proposals (stored by the trend scan) through the course API, with the staff member's token.

const ProposalList = z.object({ proposals: z.array(ProposalView) });

/** Proposals in one state, best score first (the course API's order). */
export async function listProposals({
  token,
  status,
}: {
  token: string;
  status: ProposalStatus;
}): Promise<ProposalView[]> {
  const json = await directusFetch({ path: '/aula/proposals', params: { status }, token });
  return parseAnswer('GET /aula/proposals', ProposalList, json).proposals;
}

/** Turns a new proposal into a course request; the answer names the run to watch. */
export async function acceptProposal({
  token,
  proposalId,
  request,
}: {
  token: string;
  proposalId: string;
  request: AcceptProposalRequest;
}): Promise<AcceptProposalResult> {
  const path = `/aula/proposals/${encodeURIComponent(proposalId)}/accept`;
  const json = await directusFetch({ method: 'POST', path, token, body: request });
  return parseAnswer('POST /aula/proposals/:id/accept', AcceptProposalResult, json);
}

const Dismissed = z.object({ id: z.string(), status: z.literal('dismissed') });

export async function dismissProposal({ token, proposalId }: { token: string; proposalId: string }) {
  const path = `/aula/proposals/${encodeURIComponent(proposalId)}/dismiss`;
  const json = await directusFetch({ method: 'POST', path, token, body: {} });
  return parseAnswer('POST /aula/proposals/:id/dismiss', Dismissed, json);
}

/** The page's `?estado=` filter: the proposal status it names, `new` when it names none. */
export function proposalStatusOf(value: unknown): ProposalStatus {
  return value === 'accepted' || value === 'dismissed' ? value : 'new';
}
