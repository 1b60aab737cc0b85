import { isUuid } from '@aula/domain';
import type { NextRequest } from 'next/server';
import { env } from '../../../../../../env.ts';
import { snapWidth } from '../../../../../../features/covers/cover-url.ts';
import { getStudioCover } from '../../../../../../features/covers/server/studio-cover.ts';
import { staffToken } from '../../../../../../features/studio/server/staff-request.ts';
import { apiError } from '../../../../../../shared/api-error.ts';

export const dynamic = 'force-dynamic';

/**
 * `GET /api/studio/courses/:id/cover?w=`: any course's cover (drafts too) for the studio's preview,
 * fetched from Directus with the staff member's token; never cached outside their browser.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const auth = await staffToken(request);
  if ('refused' in auth) return auth.refused;
  const { id } = await params;
  if (!isUuid(id)) return apiError('not_found', 'No such course.');
  const course = await getStudioCover({ token: auth.token, courseId: id });
  if (!course?.cover) return apiError('not_found', 'This course has no cover yet.');
  const width = snapWidth(Number(request.nextUrl.searchParams.get('w') ?? 640) || 640);
  const res = await fetch(`${env.DIRECTUS_URL}/assets/${course.cover}?width=${width}&format=webp&quality=82`, {
    headers: { authorization: `Bearer ${auth.token}` },
    cache: 'no-store',
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok)
    return apiError(
      res.status === 403 || res.status === 404 ? 'not_found' : 'unavailable',
      'The cover cannot be shown.',
    );
  return new Response(await res.arrayBuffer(), {
    headers: {
      'content-type': 'image/webp',
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
