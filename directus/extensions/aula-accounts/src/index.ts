import { HitRateLimitError, isDirectusError, ServiceUnavailableError } from '@directus/errors';
import { Redis } from 'ioredis';
import { createLoginThrottle, type LoginKeys, type LoginThrottle } from './login-throttle.ts';
import { createRequestLimit, credentialsOf, personOfToken, type Refusal, type RequestLimit } from './request-limit.ts';
import { type AccountSettings, readAccountSettings } from './settings.ts';
import { createSignUpLimit } from './sign-up-limit.ts';

/** The slice of Directus's hook API used here (Directus ships no types for it in this workspace). */
type Accountability = { ip?: string | null; user?: string | null } | null;
type Req = {
  body?: any;
  query?: any;
  headers?: Record<string, string | string[] | undefined>;
  ip?: string;
  path?: string;
  accountability?: Accountability;
  /** The person this request was counted against before Directus checked its token. */
  aulaCountedFor?: string;
};
type Res = { set: (name: string, value: string) => void; headersSent: boolean };
type Next = (error?: unknown) => void;
type App = {
  post: (path: string, handler: (req: Req, res: Res, next: Next) => void) => void;
  use: (...args: unknown[]) => void;
};
type HookApi = {
  filter: (
    event: string,
    fn: (payload: any, meta: any, context: { accountability?: Accountability }) => unknown,
  ) => void;
  action: (event: string, fn: (meta: any, context: { accountability?: Accountability }) => unknown) => void;
  init: (event: string, fn: (meta: { app: App }) => void) => void;
};
type HookContext = { env: Record<string, unknown>; logger: { error: (...a: unknown[]) => void } };

const middleware = (fn: (req: Req, res: Res) => Promise<void>) => (req: Req, res: Res, next: Next) =>
  fn(req, res).then(() => next(), next);

/**
 * Aula's account protection, on the paths every sign-in and sign-up takes:
 * - the `auth.login` filter (REST, GraphQL, the Data Studio, the web's server) refuses an attempt
 *   while a delay runs and counts it; the `auth.login` action gives a successful one back;
 * - POST /auth/login is checked before Directus looks the account up, so an unknown and a known
 *   e-mail answer alike while delayed;
 * - POST /users/register and GraphQL's users_register take a sign-up from the address and the hour.
 * Directus's own login-attempt limit (which suspends accounts for good) is switched off by the set-up.
 * And on every request, the request limits (request-limit.ts): per person when signed in, per address
 * when not, under Directus's own per-address limit, which the set-up raises to a ceiling against abuse.
 */
export default ({ filter, action, init }: HookApi, { env, logger }: HookContext) => {
  let settings: AccountSettings;
  try {
    settings = readAccountSettings(env);
  } catch (error) {
    // A typo in a limit must not leave sign-ins unprotected: the defaults apply, loudly.
    logger.error(`aula-accounts: ${(error as Error).message}; using the default limits`);
    settings = readAccountSettings({});
  }
  const prefix = String(env.AULA_REDIS_PREFIX ?? 'aula:');
  let redis: Redis | undefined;
  // Connected on first use: Directus also loads hooks for CLI commands that never sign anyone in.
  const store = () => {
    redis ??= new Redis(String(env.REDIS ?? 'redis://127.0.0.1:6379'), { maxRetriesPerRequest: 2 });
    return redis;
  };
  let throttle: LoginThrottle | undefined;
  const login = () => {
    throttle ??= createLoginThrottle(store(), prefix, settings);
    return throttle;
  };
  let signUps: ReturnType<typeof createSignUpLimit> | undefined;
  const signUp = () => {
    signUps ??= createSignUpLimit(store(), prefix, settings);
    return signUps;
  };

  let requests: RequestLimit | undefined;
  const requestLimit = () => {
    requests ??= createRequestLimit(store(), prefix, settings);
    return requests;
  };
  const sessionCookie = String(env.SESSION_COOKIE_NAME ?? 'directus_session_token');

  /** Redis unreachable: refuse (503) rather than let guesses through uncounted. */
  const guarded = async <T>(what: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (error) {
      if (isDirectusError(error)) throw error;
      logger.error(error, `aula-accounts: ${what}`);
      throw new ServiceUnavailableError({ service: 'accounts', reason: 'The attempt counter is unreachable' });
    }
  };
  const tooSoon = (limit: number, waitSeconds: number) =>
    new HitRateLimitError({ limit, reset: new Date(Date.now() + waitSeconds * 1000) });
  const refuseWhileDelayed = async (keys: LoginKeys) => {
    const wait = await guarded('reading sign-in delays', () => login().waitSeconds(keys));
    if (wait > 0) throw tooSoon(settings.pairFreeFailures, wait);
  };
  const takeSignUp = async (req: Req) => {
    const refused = await guarded('counting sign-ups', () => signUp()(req.accountability?.ip));
    if (refused) throw tooSoon(refused.limit, refused.waitSeconds);
  };

  const refuse = (res: Res, refusal: Refusal) => {
    const seconds = Math.max(1, Math.ceil(refusal.waitMs / 1000));
    res.set('Retry-After', String(seconds));
    return tooSoon(refusal.limit, refusal.waitMs / 1000);
  };

  const secret = String(env.SECRET ?? '');
  // Before Directus reads any credentials (and before its own per-address ceiling): a request without
  // any is counted against its address. Express has resolved `req.ip` with IP_TRUST_PROXY, so only a
  // trusted hop's X-Forwarded-For names the address.
  // A request with a token Directus issued (every signed-in learner's) is counted against its person
  // here too, before Directus's response cache: a cached read answers before `middlewares.after`, so a
  // runaway tab re-reading one page would otherwise never be counted. Other credentials (static tokens)
  // are counted once Directus has checked them, below.
  init('middlewares.before', ({ app }) => {
    app.use(
      middleware(async (req, res) => {
        // The Data Studio's own files (/admin, served before Directus's limiter too) are static: not counted.
        if (/^\/admin(\/|$)/.test(req.path ?? '')) return;
        const token = credentialsOf(req, sessionCookie);
        if (token !== null) {
          const person = personOfToken(token, secret);
          if (!person) return;
          req.aulaCountedFor = person;
          const refused = await guarded('counting requests', () => requestLimit().user(person));
          if (refused) throw refuse(res, refused);
          return;
        }
        const address = req.ip?.replace(/^::ffff:(?=\d+\.)/, '');
        if (!address) return;
        const refused = await guarded('counting requests', () => requestLimit().anonymous(address));
        if (refused) throw refuse(res, refused);
      }),
    );
  });

  // After Directus has checked the credentials: a signed-in person's request counts against them,
  // unless it was counted for them before (a token Directus issued).
  init('middlewares.after', ({ app }) => {
    app.use(
      middleware(async (req, res) => {
        const user = req.accountability?.user;
        if (!user || req.aulaCountedFor === user) return;
        const refused = await guarded('counting requests', () => requestLimit().user(user));
        if (refused) throw refuse(res, refused);
      }),
    );
  });

  init('routes.before', ({ app }) => {
    app.post(
      '/auth/login',
      middleware((req) => refuseWhileDelayed({ email: req.body?.email, address: req.accountability?.ip })),
    );
    app.post('/users/register', middleware(takeSignUp));
    app.use(
      '/graphql/system',
      middleware(async (req) => {
        const document = String(req.body?.query ?? req.query?.query ?? '');
        if (/\busers_register\b/.test(document)) await takeSignUp(req);
      }),
    );
  });

  // A 429 says when to come back (Directus's error handler, which runs next, writes the body).
  init('routes.custom.after', ({ app }) => {
    app.use((error: unknown, _req: Req, res: Res, next: Next) => {
      const reset = isDirectusError(error, 'REQUESTS_EXCEEDED') ? (error.extensions as { reset?: Date })?.reset : null;
      if (reset && !res.headersSent) {
        res.set('Retry-After', String(Math.max(1, Math.ceil((new Date(reset).getTime() - Date.now()) / 1000))));
      }
      next(error);
    });
  });

  filter('auth.login', async (payload, _meta, context) => {
    const keys = { email: payload?.email, address: context.accountability?.ip };
    await refuseWhileDelayed(keys);
    await guarded('counting a sign-in', () => login().attempt(keys));
    return payload;
  });

  action('auth.login', async (meta, context) => {
    const keys = { email: meta.payload?.email, address: context.accountability?.ip };
    if (meta.status === 'success') await login().succeeded(keys);
    // An unknown e-mail fails before the filter runs: it still counts against the address.
    else if (!meta.user) await login().attempt(keys);
  });
};
