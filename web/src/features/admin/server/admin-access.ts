import 'server-only';
import { ROLE_NAMES } from '@aula/domain';
import { z } from 'zod';
import { DirectusError, directusGet } from '../../../shared/directus.ts';

const Me = z.object({ email: z.string().nullable(), role: z.object({ name: z.string() }).nullable() });

export type AdminAccess = { admin: true; email: string } | { admin: false; signedOut: boolean };

/**
 * Whether the token's owner is an administrator (Directus's Administrator role, read with their own
 * token, never cached: a role taken away closes the panel at once), and their e-mail for the agents'
 * audit log. A student who may not read their role is a "no"; a token Directus refuses is signed out.
 */
export async function adminAccess(token: string | undefined, forwardedFor?: string): Promise<AdminAccess> {
  if (!token) return { admin: false, signedOut: true };
  try {
    const me = Me.safeParse(
      await directusGet('/users/me', { fields: 'email,role.name' }, z.unknown(), { token, forwardedFor }),
    ).data;
    if (me?.role?.name === ROLE_NAMES.administrator && me.email) return { admin: true, email: me.email };
    return { admin: false, signedOut: false };
  } catch (error) {
    if (error instanceof DirectusError && (error.code === 'unauthorized' || error.reason === 'INVALID_TOKEN'))
      return { admin: false, signedOut: true };
    if (error instanceof DirectusError && error.code === 'forbidden') return { admin: false, signedOut: false };
    throw error;
  }
}
