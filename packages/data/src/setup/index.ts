import pg from 'pg';
import { login } from '../api.ts';
import { applyPermissions } from './apply-permissions.ts';
import { applySchema } from './apply-schema.ts';
import { applySettings, type SeedUser, seedDemoCourse, seedUsers } from './seed.ts';

export type SetupOptions = {
  url: string;
  databaseUrl: string;
  adminEmail: string;
  adminPassword: string;
  /** Users beyond the bootstrap administrator: demo people and the service accounts. */
  users: SeedUser[];
  demoContent: boolean;
  /** Sign-ups must confirm their e-mail before they can sign in (AULA_SIGNUP_VERIFY_EMAIL). */
  verifyEmail?: boolean;
};

/**
 * The one idempotent set-up command: schema, roles and permissions, settings, users, demo content.
 * Run by `npm start` on every start and by the tests; returns what it changed (empty when up to date).
 */
export async function setup(options: SetupOptions): Promise<string[]> {
  const api = await login(options.url, options.adminEmail, options.adminPassword);
  const db = new pg.Client({ connectionString: options.databaseUrl });
  await db.connect();
  try {
    const changes = await applySchema(api, db);
    const { roles, changes: accessChanges } = await applyPermissions(api);
    changes.push(...accessChanges);
    await applySettings(api, roles, { verifyEmail: options.verifyEmail ?? false });
    await seedUsers(api, options.users, roles, changes);
    if (options.demoContent) await seedDemoCourse(api, changes);
    return changes;
  } finally {
    await db.end();
  }
}

export { type Api, createApi, DirectusError, login } from '../api.ts';
export type { SeedUser } from './seed.ts';
