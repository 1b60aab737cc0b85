import type { NextRequest } from 'next/server';
import { decideRun, retryRun } from '../../../../../../features/studio/server/content-api.ts';
import { studioRoute } from '../../../../../../features/studio/server/studio-route.ts';
import { apiError } from '../../../../../../shared/api-error.ts';

export const dynamic = 'force-dynamic';

/**
 * `POST /api/studio/runs/:id/accept` and `…/discard` (a finished regeneration: apply its new version,
 * or leave the old one), and `…/retry` (a failed run; answers `{ runId }`). The course API checks the
 * role and the run's state (409 with a plain sentence when the item changed meanwhile).
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string; action: string }> }) {
  const { action } = await params;
  if (action !== 'accept' && action !== 'discard' && action !== 'retry') {
    return apiError('not_found', 'No such run action.');
  }
  return studioRoute(request, params, {
    what: 'run',
    work: ({ token, id }) =>
      action === 'retry' ? retryRun({ token, runId: id }) : decideRun({ token, runId: id, action }),
  });
}
