import { isUuid } from '@aula/domain';
import type { NextRequest } from 'next/server';
import { renderAnswer } from '../../../../features/tutor/server/render-answer.ts';
import { latestConversation } from '../../../../features/tutor/server/tutor-api.ts';
import { apiError } from '../../../../shared/api-error.ts';
import { DirectusError } from '../../../../shared/directus.ts';
import { requestToken } from '../../../../shared/session/request-auth.ts';

export const dynamic = 'force-dynamic';

/**
 * `GET /api/tutor/conversations?lessonId=`: the student's latest conversation about the lesson, for
 * the panel to show after a reload. The tutor's answers come as sanitised HTML (the lessons' renderer).
 */
export async function GET(request: NextRequest): Promise<Response> {
  const token = requestToken(request);
  if (!token) return apiError('unauthorized', 'Sign in to talk to the tutor.');
  const lessonId = request.nextUrl.searchParams.get('lessonId');
  if (!isUuid(lessonId)) return apiError('invalid', 'lessonId: must be a lesson id.');
  try {
    const conversation = await latestConversation({ token, lessonId });
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
