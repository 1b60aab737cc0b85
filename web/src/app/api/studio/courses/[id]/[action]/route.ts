import { isUuid } from '@aula/domain';
import { revalidatePath } from 'next/cache';
import type { NextRequest } from 'next/server';
import { staffToken } from '../../../../../../features/studio/server/staff-request.ts';
import { changeCourseStatus } from '../../../../../../features/studio/server/studio-api.ts';
import { apiError } from '../../../../../../shared/api-error.ts';
import { DirectusError } from '../../../../../../shared/directus.ts';

export const dynamic = 'force-dynamic';

const ACTIONS = new Set(['publish', 'archive'] as const);
type Action = typeof ACTIONS extends Set<infer A> ? A : never;

/**
 * `POST /api/studio/courses/:id/publish` and `…/archive`: puts a generated course in the catalogue, or
 * takes it out (students keep their history). The course API checks the role and the state. The
 * catalogue this server keeps for 30 seconds is dropped, so students see the change at once.
 * SameSite=Lax cookies: no other site can post these for someone.
 */
export async function POST(
  request: NextRequest,
  { params }: { params: Promise<{ id: string; action: string }> },
): Promise<Response> {
  const auth = await staffToken(request);
  if ('refused' in auth) return auth.refused;
  const { id, action } = await params;
  if (!isUuid(id) || !ACTIONS.has(action as Action)) return apiError('not_found', 'No such course action.');
  try {
    const changed = await changeCourseStatus({ token: auth.token, courseId: id, action: action as Action });
    revalidatePath('/', 'layout');
    return Response.json(changed, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return apiError(error.code, error.said ?? `The course could not be changed (${action}).`);
  }
}
