import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import { listenOnLoopback } from './loopback.ts';
import { sendJson } from './respond.ts';

export type DokployDeployment = {
  deploymentId: string;
  applicationId: string;
  title: string;
  description: string | null;
  status: 'running' | 'done' | 'error';
  createdAt: string;
  /** Present when the deployment's image was kept for rollbacks (Dokploy's rollback feature). */
  rollbackId: string | null;
  /** The emulator's own record of what the deployment runs. */
  image: string;
};

export type DokployApplication = {
  applicationId: string;
  name: string;
  appName: string;
  applicationStatus: 'idle' | 'running' | 'done' | 'error';
};

export type DokployEmulator = {
  url: string;
  apiKey: string;
  /** Adds an application running `image` (healthy unless listed in `broken`). */
  addApplication: (name: string, image: string) => DokployApplication;
  /** The next redeploy of this application builds `image` (a new commit was pushed). */
  push: (applicationId: string, image: string) => void;
  /** Images whose containers fail their health check. */
  broken: Set<string>;
  /** What an application runs now (undefined when stopped). */
  running: (applicationId: string) => string | undefined;
  deployments: (applicationId: string) => DokployDeployment[];
  /** Every API call: path and status. */
  calls: { path: string; status: number; body: unknown }[];
  stop: () => Promise<void>;
};

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/**
 * Dokploy's REST API (https://docs.dokploy.com/docs/api), the procedures an operator's tools call,
 * under `/api/<router>.<procedure>` with the `x-api-key` header: `application.one` (GET,
 * `?applicationId=`), `application.redeploy`, `application.start`, `application.stop` (POST
 * `{ applicationId }`), `deployment.all` (GET, `?applicationId=`, newest first) and
 * `rollback.rollback` (POST `{ rollbackId }`). A missing or wrong key is 401. Each application also
 * answers its own health check at `GET /apps/<appName>/health` (200, or 503 when the image it runs
 * is in `broken` or it is stopped), standing in for the container's health check.
 */
export async function startDokployEmulator(apiKey = `dokploy-${randomUUID()}`): Promise<DokployEmulator> {
  const apps = new Map<string, DokployApplication & { image?: string; next?: string }>();
  const deployments: DokployDeployment[] = [];
  const broken = new Set<string>();
  const calls: { path: string; status: number; body: unknown }[] = [];
  let n = 0;

  const deploy = (app: DokployApplication & { image?: string }, image: string, title: string) => {
    n += 1;
    const d: DokployDeployment = {
      deploymentId: `dep-${n}`,
      applicationId: app.applicationId,
      title,
      description: null,
      status: 'done',
      createdAt: new Date(Date.now() + n).toISOString(),
      rollbackId: `rb-${n}`,
      image,
    };
    deployments.push(d);
    app.image = image;
    app.applicationStatus = 'done';
    return d;
  };

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const health = /^\/apps\/([^/]+)\/health$/.exec(url.pathname);
      if (health) {
        const app = [...apps.values()].find((a) => a.appName === health[1]);
        const ok = app?.image !== undefined && !broken.has(app.image);
        return sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unhealthy', image: app?.image ?? null });
      }
      const body = req.method === 'POST' ? await readBody(req) : Object.fromEntries(url.searchParams);
      const answer = (status: number, value: unknown) => {
        calls.push({ path: url.pathname, status, body });
        return sendJson(res, status, value);
      };
      if (req.headers['x-api-key'] !== apiKey) return answer(401, { message: 'Unauthorized', code: 'UNAUTHORIZED' });
      const m = /^\/api\/([a-zA-Z]+\.[a-zA-Z]+)$/.exec(url.pathname);
      const procedure = m?.[1] ?? '';
      const app = apps.get(String(body.applicationId ?? ''));
      const notFound = () => answer(404, { message: 'Application not found', code: 'NOT_FOUND' });
      switch (`${req.method} ${procedure}`) {
        case 'GET application.one': {
          if (!app) return notFound();
          const { image: _i, next: _n, ...pub } = app;
          return answer(200, pub);
        }
        case 'POST application.redeploy': {
          if (!app) return notFound();
          deploy(app, app.next ?? app.image ?? 'unknown', String(body.title ?? 'Rebuild deployment'));
          app.next = undefined;
          return answer(200, true);
        }
        case 'POST application.stop': {
          if (!app) return notFound();
          app.applicationStatus = 'idle';
          app.image = undefined;
          return answer(200, true);
        }
        case 'POST application.start': {
          if (!app) return notFound();
          const last = deployments.filter((d) => d.applicationId === app.applicationId).at(-1);
          app.image = last?.image;
          app.applicationStatus = 'done';
          return answer(200, true);
        }
        case 'GET deployment.all': {
          if (!app) return notFound();
          const list = deployments
            .filter((d) => d.applicationId === app.applicationId)
            .reverse()
            .map(({ image: _i, ...d }) => d);
          return answer(200, list);
        }
        case 'POST rollback.rollback': {
          const target = deployments.find((d) => d.rollbackId === body.rollbackId);
          const owner = target ? apps.get(target.applicationId) : undefined;
          if (!target || !owner) return answer(404, { message: 'Rollback not found', code: 'NOT_FOUND' });
          deploy(owner, target.image, `Rollback to ${target.deploymentId}`);
          return answer(200, true);
        }
        default:
          return answer(404, { message: `No procedure found on path "${procedure}"`, code: 'NOT_FOUND' });
      }
    })().catch((error: Error) => sendJson(res, 500, { message: error.message, code: 'INTERNAL_SERVER_ERROR' }));
  });
  const listening = await listenOnLoopback(server);

  return {
    url: listening.url,
    apiKey,
    broken,
    calls,
    addApplication: (name, image) => {
      const app = {
        applicationId: `app-${name}-${randomUUID().slice(0, 8)}`,
        name,
        appName: `aula-${name}`,
        applicationStatus: 'idle' as const,
      };
      apps.set(app.applicationId, app);
      deploy(app, image, 'Initial deployment');
      const { image: _i, ...pub } = app as typeof app & { image?: string };
      return pub;
    },
    push: (applicationId, image) => {
      const app = apps.get(applicationId);
      if (!app) throw new Error(`no application ${applicationId}`);
      app.next = image;
    },
    running: (applicationId) => apps.get(applicationId)?.image,
    deployments: (applicationId) => deployments.filter((d) => d.applicationId === applicationId),
    stop: listening.stop,
  };
}
