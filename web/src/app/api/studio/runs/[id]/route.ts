import { isUuid } from '@aula/domain';
import type { NextRequest } from 'next/server';
import { apiError } from '../../../../../lib/api-error.ts';
import { DirectusError } from '../../../../../lib/directus.ts';
import { staffToken } from '../../../../../lib/studio/staff-request.ts';
import { getRun } from '../../../../../lib/studio/studio-api.ts';

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
