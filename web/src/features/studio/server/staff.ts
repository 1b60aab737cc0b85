import 'server-only';
import { ROLE_NAMES } from '@aula/domain';
import { z } from 'zod';
import { studentRead } from '../../../shared/cache/read-cache.ts';
import { DirectusError, directusGet } from '../../../shared/directus.ts';
import { goTo } from '../../../shared/edge/redirect.ts';
import { getAccessToken, redirectToSignIn } from '../../../shared/session/session-store.ts';

/** The roles the studio is for. Directus decides the role; the web server only reads it. */
const STAFF: readonly string[] = [ROLE_NAMES.contentManager, ROLE_NAMES.administrator];

const MyRole = z.object({ role: z.object({ name: z.string() }) });

/**
 * Whether the token's owner is a content manager or an administrator: their role's name, read from
 * Directus with their own token. Only a readable staff role name is a yes: a student may not read
 * their role at all (Directus then answers without it), which is a "no". A token Directus refuses
 * is `signed-out`.
 */
export async function staffAccess(token: string): Promise<'staff' | 'not-staff' | 'signed-out'> {
  const role = await roleOf(token);
  if (role === 'signed-out') return role;
  return role !== undefined && STAFF.includes(role) ? 'staff' : 'not-staff';
}

/** The role name Directus gives the token's owner (undefined when they may not read it), or `signed-out`. */
async function roleOf(token: string): Promise<string | undefined | 'signed-out'> {
  try {
    // A 403 (the role not readable) is kept like an answer: every lesson page of a student asks.
    const me = await studentRead(token, 'role', () =>
      directusGet('/users/me', { fields: 'role.name' }, z.unknown(), { token }).catch((error: unknown) => {
        if (error instanceof DirectusError && error.code === 'forbidden' && error.reason !== 'INVALID_TOKEN')
          return null;
        throw error;
      }),
    );
    return MyRole.safeParse(me).data?.role.name;
  } catch (error) {
    // Directus answers 403 INVALID_TOKEN to a token it cannot read, 401 to an expired one.
    if (error instanceof DirectusError && (error.code === 'unauthorized' || error.reason === 'INVALID_TOKEN'))
      return 'signed-out';
    if (error instanceof DirectusError && error.code === 'forbidden') return undefined;
    throw error;
  }
}

/** Whether the token's owner is an administrator (the provider check is theirs alone). */
export const isAdministrator = async (token: string) => (await roleOf(token)) === ROLE_NAMES.administrator;

export const isStaff = async (token: string) => (await staffAccess(token)) === 'staff';

/**
 * For studio pages: the signed-in staff member's token. Signed-out visitors (or a session Directus no
 * longer takes) are sent to sign in and back, everyone else to the catalogue. No studio page has a
 * loading state, so this is a real HTTP redirect.
 */
export async function requireStaff(back: string): Promise<string> {
  const token = await getAccessToken();
  if (!token) redirectToSignIn(back);
  const access = await staffAccess(token);
  if (access === 'signed-out') redirectToSignIn(back);
  if (access === 'not-staff') goTo('/');
  return token;
}

/** For administrators' studio pages: as requireStaff, and content managers go back to the studio. */
export async function requireAdministrator(back: string): Promise<string> {
  const token = await requireStaff(back);
  if (!(await isAdministrator(token))) goTo('/studio');
  return token;
}

/**
 * Where a person lands after signing in when no `next` says otherwise: content managers and
 * administrators at the studio, everyone else at their courses. Should the role not be readable right
 * then, their courses (the studio's own check sends staff on from there by its link).
 */
export async function homeAfterSignIn(token: string): Promise<'/studio' | '/mis-cursos'> {
  try {
    return (await isStaff(token)) ? '/studio' : '/mis-cursos';
  } catch {
    return '/mis-cursos';
  }
}
