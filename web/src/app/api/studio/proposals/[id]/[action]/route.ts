import { AcceptProposalRequest } from '@aula/domain';
import { revalidatePath } from 'next/cache';
import type { NextRequest } from 'next/server';
import { acceptProposal, dismissProposal } from '../../../../../../features/studio/server/proposals-api.ts';
import { studioRoute } from '../../../../../../features/studio/server/studio-route.ts';
import { apiError } from '../../../../../../shared/api-error.ts';

export const dynamic = 'force-dynamic';

/**
 * `POST /api/studio/proposals/:id/accept` (body: lesson count and optional level, provider, model,
 * cost cap; answers `{ proposalId, runId, courseId }`) and `…/dismiss`. The course API answers 409
 * when the proposal is no longer new (someone else decided first).
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string; action: string }> }) {
  const { action } = await params;
  if (action === 'accept') {
    return studioRoute(request, params, {
      what: 'proposal',
      body: AcceptProposalRequest,
      work: async ({ token, id, body }) => {
        const accepted = await acceptProposal({ token, proposalId: id, request: body });
        revalidatePath('/studio');
        return accepted;
      },
    });
  }
  if (action === 'dismiss') {
    return studioRoute(request, params, {
      what: 'proposal',
      work: ({ token, id }) => dismissProposal({ token, proposalId: id }),
    });
  }
  return apiError('not_found', 'No such proposal action.');
}
