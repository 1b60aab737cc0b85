import { isUuid } from '@aula/domain';
import type { NextRequest } from 'next/server';
import { staffToken } from '../../../../../features/studio/server/staff-request.ts';
import { getRun } from '../../../../../features/studio/server/studio-api.ts';
import { apiError } from '../../../../../shared/api-error.ts';
import { DirectusError } from '../../../../../shared/directus.ts';

export const dynamic = 'force-dynamic';

/** `GET /api/studio/runs/:id`: the run as the course API shows it, for the progress view to poll. */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await staffToken(request);
  if ('refused' in auth) return auth.refused;
  const { id } = await params;
  if (!isUuid(id)) return apiError('not_found', 'No such run.');
  try {
    return Response.json(await getRun({ token: auth.token, runId: id }), { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return apiError(error.code, error.said ?? 'The run could not be read.');
  }
}
