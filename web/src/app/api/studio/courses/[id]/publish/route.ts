import { isUuid } from '@aula/domain';
import { revalidatePath } from 'next/cache';
import type { NextRequest } from 'next/server';
import { apiError } from '../../../../../../lib/api-error.ts';
import { DirectusError } from '../../../../../../lib/directus.ts';
import { staffToken } from '../../../../../../lib/studio/staff-request.ts';
import { publishCourse } from '../../../../../../lib/studio/studio-api.ts';

export const dynamic = 'force-dynamic';

/**
 * `POST /api/studio/courses/:id/publish`: publishes a generated course (the course API checks the role,
 * the state and that every lesson has its text). The catalogue this server keeps for 30 seconds is
 * dropped, so students see the course at once. SameSite=Lax cookies: no other site can post this.
 */
export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  const auth = await staffToken(request);
  if ('refused' in auth) return auth.refused;
  const { id } = await params;
  if (!isUuid(id)) return apiError('not_found', 'No such course.');
  try {
    const published = await publishCourse({ token: auth.token, courseId: id });
    revalidatePath('/', 'layout');
    return Response.json(published, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return apiError(error.code, error.said ?? 'The course could not be published.');
  }
}
