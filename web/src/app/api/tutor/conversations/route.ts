import { isUuid } from '@aula/domain';
import type { NextRequest } from 'next/server';
import { renderAnswer } from '../../../../features/tutor/server/render-answer.ts';
import { latestConversation, readTutorContext } from '../../../../features/tutor/server/tutor-api.ts';
import { keepContext } from '../../../../features/tutor/server/tutor-asks.ts';
import { apiError } from '../../../../shared/api-error.ts';
import { DirectusError } from '../../../../shared/directus.ts';
import { log } from '../../../../shared/log.ts';
import { requestToken } from '../../../../shared/session/request-auth.ts';

export const dynamic = 'force-dynamic';

/**
 * `GET /api/tutor/conversations?lessonId=`: the student's latest conversation about the lesson, for
 * the panel to show after a reload. The tutor's answers come as sanitised HTML (the lessons' renderer).
 *
 * The panel has opened: alongside, what the tutor may know about the lesson is read for this student
 * (`GET /aula/tutor/context`, the turn's own read) and kept as an accepted turn keeps it
 * (`keepContext`), so the student's first message starts the provider call while its turn is checked,
 * as later messages do (decision 017). A student the course API refuses the context to (not enrolled)
 * gets the conversation as before and nothing is kept.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const token = requestToken(request);
  if (!token) return apiError('unauthorized', 'Sign in to talk to the tutor.');
  const lessonId = request.nextUrl.searchParams.get('lessonId');
  if (!isUuid(lessonId)) return apiError('invalid', 'lessonId: must be a lesson id.');
  const context = readTutorContext({ token, lessonId }).catch((error: unknown) => {
    if (!(error instanceof DirectusError)) log.error({ err: error }, 'tutor: the context could not be read ahead');
    return null;
  });
  try {
    const conversation = await latestConversation({ token, lessonId });
    const known = await context;
    if (known) keepContext(token, lessonId, known, conversation);
    return Response.json(
      {
        conversation: conversation && {
          id: conversation.id,
          messages: conversation.messages.map((m) => ({
            id: m.id,
            role: m.role,
            status: m.status,
            content: m.role === 'user' ? m.content : '',
            html: m.role === 'assistant' ? renderAnswer(m.content) : '',
          })),
        },
      },
      { headers: { 'cache-control': 'no-store' } },
    );
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return apiError(error.code, error.said ?? 'The conversation could not be read.');
  }
}
