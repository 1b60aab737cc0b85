import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { MAX_LESSON_CHARS } from '../../../../features/studio/content-edit.ts';
import { staffToken } from '../../../../features/studio/server/staff-request.ts';
import { apiError } from '../../../../shared/api-error.ts';
import { renderMarkdown } from '../../../../shared/markdown/render-markdown.ts';

export const dynamic = 'force-dynamic';

const Body = z.object({ markdown: z.string().max(MAX_LESSON_CHARS) });

/**
 * `POST /api/studio/preview` `{ markdown }` → `{ html }`: the editor's live preview, rendered and
 * sanitised by the very renderer the lesson pages use, so what the editor sees is what students get.
 */
export async function POST(request: NextRequest): Promise<Response> {
  const auth = await staffToken(request);
  if ('refused' in auth) return auth.refused;
  const body = Body.safeParse(await request.json().catch(() => undefined));
  if (!body.success) return apiError('invalid', 'Send { markdown } of at most 60 000 characters.');
  return Response.json({ html: renderMarkdown(body.data.markdown).html }, { headers: { 'cache-control': 'no-store' } });
}
