import { AulaError, HTTP_STATUS } from '@aula/domain';
import { QueueUnavailableError } from '@aula/jobs';
import { type Ctx, createCtx } from './context.ts';
import type { EndpointContext, Request, Response } from './directus.ts';

/** Directus's own errors carry a status; keep it (403 from permissions, 404 …) rather than turning it into 500. */
function fromDirectus(error: unknown): AulaError | undefined {
  const e = error as { status?: number; code?: string; message?: string };
  if (e?.status === 403) return new AulaError('forbidden', 'You are not allowed to do this.');
  if (e?.status === 404 || e?.code === 'ROUTE_NOT_FOUND') return new AulaError('not_found', 'Not found.');
  if (e?.status === 400) return new AulaError('invalid', e.message ?? 'Invalid request.');
  if (error instanceof QueueUnavailableError)
    return new AulaError('unavailable', 'The job queue is unavailable right now; try again in a moment.');
  return undefined;
}

/** The adapter every route goes through: builds the context, runs the use case, maps errors once. */
export function route(
  endpoint: EndpointContext,
  handler: (ctx: Ctx, req: Request) => Promise<{ status?: number; body: unknown }>,
) {
  return publicRoute(endpoint, async (req) => handler(await createCtx(endpoint, req), req));
}

/**
 * A route anyone may call, signed in or not (the catalogue's search): errors mapped as in `route`.
 * Only for what the public policy shows anyway.
 */
export function publicRoute(
  endpoint: EndpointContext,
  handler: (req: Request) => Promise<{ status?: number; body: unknown }>,
) {
  return async (req: Request, res: Response) => {
    try {
      const { status = 200, body } = await handler(req);
      res.status(status).json(body);
    } catch (error) {
      const known = error instanceof AulaError ? error : fromDirectus(error);
      if (!known) endpoint.logger.error(error, 'aula course API: unexpected error');
      const e = known ?? new AulaError('internal', 'Something went wrong on our side; it has been logged.');
      res.status(HTTP_STATUS[e.code]).json({
        errors: [{ message: e.message, extensions: { code: e.code.toUpperCase(), details: e.details } }],
      });
    }
  };
}
