import { studioHandler } from '../../../../features/studio/server/studio-routes.ts';

export const dynamic = 'force-dynamic';

/**
 * Every studio call of the browser (`/api/studio/runs/:id`, `…/lessons/:id`, `…/proposals/:id/accept`…)
 * goes through one table: `STUDIO_OPERATIONS` in `features/studio/server/studio-routes.ts`.
 * `/api/studio/price` has its own route beside this one.
 */
export const GET = studioHandler('GET');
export const POST = studioHandler('POST');
export const PATCH = studioHandler('PATCH');
