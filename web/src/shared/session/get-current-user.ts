import 'server-only';
import { cache } from 'react';
import { z } from 'zod';
import { studentRead } from '../cache/read-cache.ts';
import { DirectusError, directusGet } from '../directus.ts';
import { getAccessToken } from './session-store.ts';

const Me = z
  .object({
    id: z.string(),
    first_name: z.string().nullable(),
    last_name: z.string().nullable(),
    email: z.string().nullable(),
  })
  .transform((user) => ({
    id: user.id,
    name: [user.first_name, user.last_name].filter(Boolean).join(' ') || (user.email ?? ''),
  }));
export type CurrentUser = z.output<typeof Me>;

/**
 * The signed-in person (id and display name), or null when signed out, when the session is no longer
 * valid, or when Directus cannot say. Shared by the header and the page.
 */
export const getCurrentUser = cache(async (): Promise<CurrentUser | null> => {
  const token = await getAccessToken();
  if (!token) return null;
  try {
    // Kept with the student's other reads for a few seconds (see read-cache.ts): every page shows it.
    return await studentRead(token, 'me', () =>
      directusGet('/users/me', { fields: 'id,first_name,last_name,email' }, Me, { token }),
    );
  } catch (error) {
    if (error instanceof DirectusError) return null;
    throw error;
  }
});
