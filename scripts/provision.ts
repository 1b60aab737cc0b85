import { DirectusError, type SeedUser, setup } from '@aula/data/setup';
import { type DirectusConfig, setUserPassword } from '@aula/directus-server';

/** What the set-up step of `npm start` needs from its environment (a slice of StartEnv). */
export type ProvisionEnv = {
  production: boolean;
  adminEmail: string;
  adminPassword: string;
  demoUsers: boolean;
  demoPassword: string;
  demoContent: boolean;
  signupVerifyEmail: boolean;
  generatorToken: string;
  pipelineToken: string;
};

/** The accounts a start keeps in place: the service accounts always, the demo people only locally. */
export function startUsers(env: ProvisionEnv): SeedUser[] {
  const demo: SeedUser[] = env.demoUsers
    ? [
        { email: 'editor@example.com', password: env.demoPassword, firstName: 'Elena', role: 'contentManager' },
        { email: 'student@example.com', password: env.demoPassword, firstName: 'Sofía', role: 'student' },
      ]
    : [];
  return [
    ...demo,
    { email: 'generator@example.com', token: env.generatorToken, firstName: 'Generator', role: 'generator' },
    { email: 'pipeline@example.com', token: env.pipelineToken, firstName: 'Pipeline', role: 'pipeline' },
  ];
}

/**
 * Applies schema, permissions, settings, accounts and (when asked) demo content, signed in as the
 * administrator. Locally, an administrator password that no longer signs in is set again from
 * AULA_ADMIN_PASSWORD (the variable changed since the database was made). In production a start
 * never touches the administrator's password: whoever can restart the server with a wrong variable
 * must not become the administrator, and a failed sign-in stops the start instead.
 */
export async function provision(options: {
  env: ProvisionEnv;
  directus: DirectusConfig;
  url: string;
  databaseUrl: string;
  log: (line: string) => void;
}): Promise<string[]> {
  const { env } = options;
  const run = () =>
    setup({
      url: options.url,
      databaseUrl: options.databaseUrl,
      adminEmail: env.adminEmail,
      adminPassword: env.adminPassword,
      demoContent: env.demoContent,
      verifyEmail: env.signupVerifyEmail,
      users: startUsers(env),
    });
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof DirectusError && error.status === 401)) throw error;
    if (env.production) {
      throw new Error(
        `signing in as ${env.adminEmail} with AULA_ADMIN_PASSWORD failed. In production a start never ` +
          "resets the administrator's password: set AULA_ADMIN_PASSWORD to the current one.",
      );
    }
    options.log(`signing in as ${env.adminEmail} failed; setting that user's password from AULA_ADMIN_PASSWORD`);
    await setUserPassword(options.directus, env.adminEmail, env.adminPassword);
    return await run();
  }
}
