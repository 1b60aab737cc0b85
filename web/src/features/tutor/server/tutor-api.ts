import 'server-only';
import {
  TutorContext,
  TutorConversation,
  TutorConversationList,
  type TutorReply,
  TutorReplyStored,
  TutorTurn,
  type TutorTurnRequest,
} from '@aula/domain';
import { env } from '../../../env.ts';
import { directusFetch, parseAnswer } from '../../../shared/directus.ts';

// The tutor's side of Aula's course API (/aula/tutor), always with the student's own token.

const id = (value: string) => encodeURIComponent(value);

/** Stores the student's message and returns what the model needs: context and history. */
export async function startTurn({ token, input }: { token: string; input: TutorTurnRequest }): Promise<TutorTurn> {
  const json = await directusFetch({ method: 'POST', path: '/aula/tutor/turns', token, body: input });
  return parseAnswer('POST /aula/tutor/turns', TutorTurn, json);
}

/**
 * What the tutor may know about the lesson for this student (`GET /aula/tutor/context`, read through
 * the turn's own SQL): what a turn would return as its context. Not enrolled: `conflict`.
 */
export async function readTutorContext({
  token,
  lessonId,
}: {
  token: string;
  lessonId: string;
}): Promise<TutorContext> {
  const json = await directusFetch({ path: '/aula/tutor/context', params: { lesson: lessonId }, token });
  return parseAnswer('GET /aula/tutor/context', TutorContext, json);
}

/** Stores the tutor's answer; the service key shows it comes from this server, not from the student. */
export async function recordReply({
  token,
  conversationId,
  reply,
}: {
  token: string;
  conversationId: string;
  reply: TutorReply;
}): Promise<string> {
  const path = `/aula/tutor/conversations/${id(conversationId)}/replies`;
  const json = await directusFetch({
    method: 'POST',
    path,
    token,
    body: reply,
    headers: { 'x-aula-tutor-key': env.AULA_TUTOR_SERVICE_KEY ?? '' },
    forwardedFor: null,
  });
  return parseAnswer(`POST ${path}`, TutorReplyStored, json).messageId;
}

/** The student's latest conversation about a lesson, with its messages; null when there is none. */
export async function latestConversation({
  token,
  lessonId,
}: {
  token: string;
  lessonId: string;
}): Promise<TutorConversation | null> {
  const list = parseAnswer(
    'GET /aula/tutor/conversations',
    TutorConversationList,
    await directusFetch({ path: '/aula/tutor/conversations', params: { lesson: lessonId }, token }),
  );
  const latest = list.conversations[0];
  if (!latest) return null;
  const path = `/aula/tutor/conversations/${id(latest.id)}`;
  return parseAnswer(`GET ${path}`, TutorConversation, await directusFetch({ path, token }));
}
