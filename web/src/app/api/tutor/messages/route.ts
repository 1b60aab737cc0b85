import { invalidFromIssues, TutorTurnRequest } from '@aula/domain';
import type { NextRequest } from 'next/server';
import { env } from '../../../../env.ts';
import { renderAnswer } from '../../../../features/tutor/server/render-answer.ts';
import { startTutorAnswerAhead, streamTutorAnswer } from '../../../../features/tutor/server/stream-tutor-answer.ts';
import { recordReply, startTurn } from '../../../../features/tutor/server/tutor-api.ts';
import { forgetAsks, keepAsk, lastAsk } from '../../../../features/tutor/server/tutor-asks.ts';
import { tutorLlm } from '../../../../features/tutor/server/tutor-llm.ts';
import { encodeEvent } from '../../../../features/tutor/sse.ts';
import { apiError } from '../../../../shared/api-error.ts';
import { DirectusError } from '../../../../shared/directus.ts';
import { log } from '../../../../shared/log.ts';
import { requestToken } from '../../../../shared/session/request-auth.ts';

export const dynamic = 'force-dynamic';

/**
 * `POST /api/tutor/messages` `{ lessonId, conversationId?, message }` → `text/event-stream`.
 * Checks and limits come first, as plain HTTP errors; then the answer streams (see sse.ts).
 * Closing the connection (the stop button) aborts the provider call.
 *
 * When this student's last exchange about the lesson, or the context the tutor panel read for it, is
 * remembered (`tutor-asks.ts`), the provider call starts at once, with that context, while the course
 * API checks and stores the turn: a refused turn aborts it unread (nothing of it reaches the student), and an accepted one keeps it only if the
 * turn's own context and history ask the model exactly the same (`askedAsTurn`).
 */
export async function POST(request: NextRequest): Promise<Response> {
  const startedAt = performance.now();
  if (!env.AULA_TUTOR_SERVICE_KEY) {
    log.error('the tutor needs AULA_TUTOR_SERVICE_KEY (the same value as Directus has)');
    return apiError('unavailable', 'The tutor is not set up on this server.');
  }
  const token = requestToken(request);
  if (!token) return apiError('unauthorized', 'Sign in to talk to the tutor.');
  // JSON only: a cross-site form cannot send it, so the session cookie cannot be used from elsewhere.
  if (!request.headers.get('content-type')?.startsWith('application/json')) {
    return apiError('invalid', 'Send the message as JSON: { "lessonId", "conversationId"?, "message" }.');
  }
  const body = await request.json().catch(() => undefined);
  const parsed = TutorTurnRequest.safeParse(body);
  if (!parsed.success) {
    const error = invalidFromIssues(parsed.error.issues);
    return apiError('invalid', error.message, { details: error.details });
  }

  const { lessonId, conversationId, message } = parsed.data;
  const ahead = lastAsk(token, lessonId, conversationId);
  const early = ahead ? startTutorAnswerAhead({ who: token, llm: tutorLlm(), ask: ahead, message }) : undefined;
  const leave = () => early?.abort();
  request.signal.addEventListener('abort', leave, { once: true });

  let turn: Awaited<ReturnType<typeof startTurn>>;
  const turnStartedAt = performance.now();
  try {
    turn = await startTurn({ token, input: parsed.data });
  } catch (error) {
    early?.abort();
    const checked = error instanceof DirectusError && error.code !== 'unauthorized';
    forgetAsks(token, lessonId, conversationId, { checked });
    if (!(error instanceof DirectusError)) throw error;
    const retry = error.details.find((d) =>
      ['messages_per_minute', 'tokens_per_day', 'site_daily_budget'].includes(d.field),
    );
    return apiError(error.code, error.said ?? 'The tutor could not take this message.', {
      details: error.details,
      headers: retry ? { 'retry-after': retry.message } : {},
    });
  } finally {
    request.signal.removeEventListener('abort', leave);
  }
  const turnEndedAt = performance.now();

  const aborted = new AbortController();
  request.signal.addEventListener('abort', () => aborted.abort(), { once: true });
  if (request.signal.aborted) aborted.abort();
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (event: Parameters<typeof encodeEvent>[0]) => {
        if (!aborted.signal.aborted) controller.enqueue(encoder.encode(encodeEvent(event)));
      };
      const { reply, messageId } = await streamTutorAnswer({
        deps: {
          llm: tutorLlm(),
          record: (reply) => recordReply({ token, conversationId: turn.conversationId, reply }),
          render: renderAnswer,
          log: (error, what) => log.error({ err: error }, what),
        },
        turn,
        message,
        signal: aborted.signal,
        startedAt,
        send,
        early,
      });
      if (messageId) keepAsk(token, lessonId, turn, { message, reply, messageId });
      if (!aborted.signal.aborted) controller.close();
    },
    cancel() {
      aborted.abort();
    },
  });
  return new Response(stream, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store, no-transform',
      'x-accel-buffering': 'no',
      // How long the course API took (checks, limits, context, storing the message): for the benchmark.
      'server-timing': `turn;dur=${(turnEndedAt - turnStartedAt).toFixed(1)}, total;dur=${(performance.now() - startedAt).toFixed(1)}`,
    },
  });
}
