import { Provider } from '@aula/domain';
import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { priceFor } from '../../../../features/studio/server/generation-options.ts';
import { staffToken } from '../../../../features/studio/server/staff-request.ts';
import { apiError } from '../../../../shared/api-error.ts';

export const dynamic = 'force-dynamic';

const Query = z.object({ provider: Provider, model: z.string().trim().max(128).optional() });

/**
 * `GET /api/studio/price?provider=openai&model=gpt-4o-mini`: the price the course API gives a model
 * (`GET /aula/providers`: USD per million tokens in and out), `priced: false` when nothing prices it.
 * For the request form's estimate as someone types a model name.
 */
export async function GET(request: NextRequest): Promise<Response> {
  const auth = await staffToken(request);
  if ('refused' in auth) return auth.refused;
  const query = Query.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!query.success) {
    const details = query.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
    return apiError('invalid', 'Name a provider from the list and a model of at most 128 characters.', { details });
  }
  return Response.json(await priceFor(auth.token, query.data.provider, query.data.model), {
    headers: { 'cache-control': 'private, max-age=300' },
  });
}
