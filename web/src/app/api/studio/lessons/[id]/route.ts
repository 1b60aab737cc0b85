import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { MAX_LESSON_CHARS } from '../../../../../features/studio/content-edit.ts';
import { updateLesson } from '../../../../../features/studio/server/content-api.ts';
import { studioRoute } from '../../../../../features/studio/server/studio-route.ts';
import { renderMarkdown } from '../../../../../shared/markdown/render-markdown.ts';

export const dynamic = 'force-dynamic';

const Body = z.object({ body: z.string().trim().min(1).max(MAX_LESSON_CHARS) });

/** `PATCH /api/studio/lessons/:id` `{ body }`: saves a lesson's Markdown as the staff member;
 * answers with who and when, and the saved text rendered for students (`html`). */
export function PATCH(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return studioRoute(request, params, {
    body: Body,
    what: 'lesson',
    work: async ({ token, id, body }) => {
      const saved = await updateLesson({ token, lessonId: id, body: body.body });
      // The saved text as students will read it: the editor shows this, not its last (debounced) preview.
      return { ...saved, html: renderMarkdown(saved.body).html };
    },
  });
}
