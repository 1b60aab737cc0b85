import type { NextRequest } from 'next/server';
import { z } from 'zod';
import {
  MAX_EXPLANATION_CHARS,
  MAX_OPTION_CHARS,
  MAX_PROMPT_CHARS,
} from '../../../../../features/studio/content-edit.ts';
import { updateQuestion } from '../../../../../features/studio/server/content-api.ts';
import { studioRoute } from '../../../../../features/studio/server/studio-route.ts';

export const dynamic = 'force-dynamic';

const Body = z.object({
  prompt: z.string().trim().min(1).max(MAX_PROMPT_CHARS),
  options: z.array(z.string().trim().min(1).max(MAX_OPTION_CHARS)).length(4),
  correctOption: z.number().int().min(0).max(3),
  explanation: z.string().max(MAX_EXPLANATION_CHARS),
});

/** `PATCH /api/studio/questions/:id`: saves a quiz question (prompt, four options, key, explanation). */
export function PATCH(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  return studioRoute(request, params, {
    body: Body,
    what: 'question',
    work: ({ token, id, body }) => updateQuestion({ token, questionId: id, edit: body }),
  });
}
