import 'server-only';
import { isUuid } from '@aula/domain';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { apiError } from '../../../shared/api-error.ts';
import { DirectusError } from '../../../shared/directus.ts';
import { staffToken } from './staff-request.ts';

type Params = Promise<Record<string, string>>;

/**
 * The shape every studio route handler shares: staff only (403 otherwise, signed out too), a UUID in
 * the path (404 otherwise), a JSON body checked with `body` (400 naming the field), then `work` with
 * the caller's token; Directus's and the course API's errors are passed on with their sentence.
 */
export async function studioRoute<B extends z.ZodType>(
  request: NextRequest,
  params: Params,
  {
    body,
    what,
    work,
  }: {
    body?: B;
    /** For messages: "the lesson", "the run"… */
    what: string;
    work: (call: { token: string; id: string; params: Record<string, string>; body: z.output<B> }) => Promise<unknown>;
  },
): Promise<Response> {
  const auth = await staffToken(request);
  if ('refused' in auth) return auth.refused;
  const all = await params;
  const id = all.id ?? '';
  if (!isUuid(id)) return apiError('not_found', `No such ${what}.`);
  let parsed: unknown;
  if (body) {
    const json = await request.json().catch(() => undefined);
    const result = body.safeParse(json);
    if (!result.success) {
      const details = result.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
      return apiError('invalid', `The ${what} could not be saved: check the fields.`, { details });
    }
    parsed = result.data;
  }
  try {
    const answer = await work({ token: auth.token, id, params: all, body: parsed as z.output<B> });
    return Response.json(answer, { headers: { 'cache-control': 'no-store' } });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return apiError(error.code, error.said ?? `The ${what} could not be changed.`, { details: error.details });
  }
}
