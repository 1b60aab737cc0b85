import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { regenerate } from '../../../../../../features/studio/server/content-api.ts';
import { studioRoute } from '../../../../../../features/studio/server/studio-route.ts';

export const dynamic = 'force-dynamic';

const Body = z.object({ instruction: z.string().trim().max(2_000) });

/** `POST /api/studio/lessons/:id/regenerate` `{ instruction }`: a new version to compare; answers `{ runId }`. */
export function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return studioRoute(request, params, {
    body: Body,
    what: 'lesson',
    work: ({ token, id, body }) => regenerate({ token, kind: 'lessons', targetId: id, instruction: body.instruction }),
  });
}
