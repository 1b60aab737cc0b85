import { adminHandler } from '../../../../features/admin/server/admin-routes.ts';

export const dynamic = 'force-dynamic';

/**
 * The admin panel's calls (`/api/admin/hosts`, `…/hosts/:host/backups`, `…/operations/:id`, `/api/admin/audit`…):
 * administrators only, each passed to a host's agent through the table in
 * `features/admin/server/admin-routes.ts`.
 */
export const GET = adminHandler('GET');
export const POST = adminHandler('POST');
export const DELETE = adminHandler('DELETE');
