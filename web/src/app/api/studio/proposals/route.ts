import type { NextRequest } from 'next/server';
import { listProposals, proposalStatusOf } from '../../../../features/studio/server/proposals-api.ts';
import { staffToken } from '../../../../features/studio/server/staff-request.ts';
import { apiError } from '../../../../shared/api-error.ts';
import { DirectusError } from '../../../../shared/directus.ts';

export const dynamic = 'force-dynamic';

/** `GET /api/studio/proposals?status=new|accepted|dismissed`: topic proposals, best score first. */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await staffToken(request);
  if ('refused' in auth) return auth.refused;
  const status = proposalStatusOf(request.nextUrl.searchParams.get('status'));
  try {
    const proposals = await listProposals({ token: auth.token, status });
    return Response.json({ proposals }, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return apiError(error.code, error.said ?? 'The proposals could not be read.');
  }
}
