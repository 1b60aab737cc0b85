import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { lstat, readdir, rename, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import os from 'node:os';
import { isAbsolute, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { cloneToMirror } from '../clone/index.ts';
import {
  BACKUP_KINDS,
  type BackupEntry,
  type BackupKind,
  type HostRole,
  type HostStatus,
  type Operation,
  type RestoreReport,
} from '../contract.ts';
import type { BackupApi } from './backups.ts';
import { compareCatalogues, readCatalogue } from './catalogue.ts';
import { agentClient } from './client.ts';
import { recreateDatabase } from './database.ts';
import { drainGenerationQueue } from './drain.ts';
import { disk, memory, startSampler } from './host.ts';
import { AuditLog, Operations } from './operations.ts';
import type { Services } from './services.ts';

export type AgentOptions = {
  /** This host's name, as the servers file names it. */
  host: string;
  role: HostRole;
  token: string;
  listen: { host: string; port: number };
  /** AULA_HOME: the disk figure is the file system holding it. */
  home: string;
  /** Where the audit log and the last drill live (default <home>/data/agent). */
  dataDir?: string;
  services: Services;
  /** This host's own database (Main, Mirror): backups read it; a restore onto the Mirror replaces it. */
  databaseUrl?: string;
  backupsDir: string;
  /** AULA_BACKUP_KEEP: complete backups kept in backupsDir (default 14). */
  backupKeep?: number;
  /** Main: the generation queue, for drain. */
  redisUrl?: string;
  redisPrefix?: string;
  backups?: BackupApi;
  /** This host's public course API (its Directus), for GET /catalogue and the clone's comparison. */
  apiUrl?: string;
  /** Main: the Mirror's agent, for POST /clone. */
  mirror?: { url: string; token: string };
  /** Directus's uploads folder: a restore onto this host's own database replaces it too. */
  uploadsDir?: string;
  /** Run after a restore onto this host's own database, before its services start (the Mirror's own administrator). */
  afterOwnRestore?: () => Promise<void>;
  /** The services a restore onto this host's own database stops first and starts after. */
  dataServices?: string[];
  aulaVersion: string;
  /**
   * Folders whose content may be thrown away to free disk (name → absolute path, e.g. scratch →
   * <home>/data/tmp): `POST /cleanup { dir }` empties one of them, nothing else.
   */
  scratchDirs?: Record<string, string>;
  /** Host samples: one every 15 s by default (tests use less). */
  sampleIntervalMs?: number;
  log?: (line: string) => void;
};

export type RunningAgent = {
  url: string;
  server: Server;
  operations: Operations;
  audit: AuditLog;
  stop: () => Promise<void>;
};

class HttpError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
const JSON_LIMIT = 64 * 1024;

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > JSON_LIMIT) throw new HttpError(413, 'the request body is too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    const value = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error();
    return value as Record<string, unknown>;
  } catch {
    throw new HttpError(400, 'the request body is not a JSON object');
  }
}

/** Bytes under a path (symbolic links counted as themselves, never followed). */
async function sizeOf(path: string): Promise<number> {
  const info = await lstat(path);
  if (!info.isDirectory()) return info.size;
  let total = 0;
  for (const entry of await readdir(path)) total += await sizeOf(join(path, entry));
  return total;
}

/**
 * The host agent: the authenticated HTTP API of packages/ops/src/contract.ts, run inside
 * `aula serve main|support` (and `npm start`). Only the named actions exist; there is no shell.
 */
export async function startAgent(o: AgentOptions): Promise<RunningAgent> {
  if (o.token.length < 16) throw new Error('the agent token is too short (at least 16 characters; production: 32)');
  const dataDir = o.dataDir ?? join(o.home, 'data', 'agent');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  mkdirSync(o.backupsDir, { recursive: true });
  const audit = new AuditLog(dataDir);
  const operations = new Operations(audit);
  const sampler = startSampler(o.home, o.sampleIntervalMs ?? 15_000);
  const expected = digest(o.token);
  const keep = o.backupKeep ?? 14;
  const lastDrillFile = join(dataDir, 'last-drill.json');
  const log = o.log ?? (() => {});

  const backups = (): BackupApi => {
    if (!o.backups) throw new HttpError(501, 'backups are not available on this host');
    return o.backups;
  };
  const ownDatabase = (): string => {
    if (!o.databaseUrl) throw new HttpError(409, 'this host has no database of its own');
    return o.databaseUrl;
  };
  const findBackup = async (id: unknown): Promise<BackupEntry> => {
    if (typeof id !== 'string' || !ID.test(id)) throw new HttpError(400, 'backup: give the id of a backup');
    const entry = (await backups().list(o.backupsDir)).find((b) => b.id === id);
    if (!entry) throw new HttpError(404, `there is no backup ${id} on this host`);
    return entry;
  };
  const lastDrill = (): RestoreReport | null => {
    try {
      return JSON.parse(readFileSync(lastDrillFile, 'utf8')) as RestoreReport;
    } catch {
      return null;
    }
  };

  const status = async (): Promise<HostStatus> => {
    const list = o.backups ? await o.backups.list(o.backupsDir).catch(() => []) : [];
    const newest = [...list].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
    const drill = lastDrill();
    const load = os.loadavg();
    return {
      host: o.host,
      role: o.role,
      at: new Date().toISOString(),
      aulaVersion: o.aulaVersion,
      uptimeSeconds: Math.round(os.uptime()),
      cpus: os.cpus().length,
      load: [load[0] ?? 0, load[1] ?? 0, load[2] ?? 0],
      memory: memory(),
      disk: disk(o.home),
      services: o.services.list(),
      history: sampler.history(),
      ...(newest ? { lastBackup: { id: newest.id, at: newest.createdAt, bytes: newest.bytes } } : {}),
      ...(drill ? { lastDrill: { at: drill.at, ok: drill.ok } } : {}),
    };
  };

  /** Restore onto this host's own database: its services stopped, the database made again, restored, started. */
  const restoreOwn = async (
    entry: BackupEntry,
    ctx: Parameters<Parameters<Operations['start']>[4]>[0],
  ): Promise<RestoreReport> => {
    const databaseUrl = ownDatabase();
    const names = o.dataServices ?? [];
    await ctx.step(
      'stop services',
      () => o.services.stop(names),
      () => names.join(', ') || undefined,
    );
    let report: RestoreReport | undefined;
    const uploads = o.uploadsDir;
    const previousUploads = uploads ? `${uploads}.before-${entry.id}` : undefined;
    try {
      await ctx.step('recreate the database', async () => {
        await recreateDatabase(databaseUrl);
        // The uploads folder is replaced too: the old one is kept aside until the restore verified.
        if (uploads && previousUploads && existsSync(uploads)) {
          await rm(previousUploads, { recursive: true, force: true });
          await rename(uploads, previousUploads);
        }
      });
      report = await ctx.step(
        'restore',
        () =>
          backups().restore({
            path: entry.path,
            databaseUrl,
            ...(uploads ? { uploadsDir: uploads } : {}),
            onStep: ctx.onStep,
            signal: ctx.signal,
          }),
        (r) => `${r.tables.length} tables checked in ${r.seconds.toFixed(1)} s`,
      );
      if (report.ok && previousUploads) await rm(previousUploads, { recursive: true, force: true });
    } finally {
      if (uploads) mkdirSync(uploads, { recursive: true });
      // Whatever happened, stopped or failed, the host's services run again on whatever the
      // database holds (Main's data, or an empty database): these steps run even after a stop.
      const adopt = o.afterOwnRestore;
      if (adopt) {
        ctx.onStep('this host’s own accounts', 'running');
        await adopt().then(
          () => ctx.onStep('this host’s own accounts', 'done'),
          (error: Error) => ctx.onStep('this host’s own accounts', 'failed', error.message),
        );
      }
      ctx.onStep('start services', 'running');
      await o.services.start(names).then(
        () => ctx.onStep('start services', 'done'),
        (error: Error) => {
          ctx.onStep('start services', 'failed', error.message);
          throw error;
        },
      );
    }
    if (!report.ok) throw new Error(`the restore did not verify: ${report.problems.join('; ')}`);
    return report;
  };

  type Route = {
    method: string;
    path: RegExp;
    handle: (req: IncomingMessage, res: ServerResponse, m: string[], actor: string) => Promise<void>;
  };
  const op = (res: ServerResponse, operation: Operation) => send(res, 202, operation);
  const routes: Route[] = [
    { method: 'GET', path: /^\/status$/, handle: async (_q, res) => send(res, 200, await status()) },
    {
      method: 'GET',
      path: /^\/services\/([^/]+)\/log$/,
      handle: async (req, res, m) => {
        const lines = Math.min(
          2_000,
          Math.max(1, Number(new URL(req.url ?? '', 'http://x').searchParams.get('lines') ?? 200) || 200),
        );
        const name = decodeURIComponent(m[1]!);
        if (!o.services.list().some((s) => s.name === name))
          throw new HttpError(404, `there is no service ${name} on this host`);
        send(res, 200, { lines: o.services.log(name, lines) });
      },
    },
    {
      method: 'POST',
      path: /^\/services\/([^/]+)\/restart$/,
      handle: async (_q, res, m, actor) => {
        const name = decodeURIComponent(m[1]!);
        if (!o.services.list().some((s) => s.name === name))
          throw new HttpError(404, `there is no service ${name} on this host`);
        op(
          res,
          operations.start('restart', actor, name, ['restart'], (ctx) =>
            ctx.step('restart', () => o.services.restart(name)),
          ),
        );
      },
    },
    {
      method: 'POST',
      path: /^\/services\/([^/]+)\/(stop|start)$/,
      handle: async (_q, res, m, actor) => {
        const name = decodeURIComponent(m[1]!);
        const verb = m[2] as 'stop' | 'start';
        if (!o.services.list().some((s) => s.name === name))
          throw new HttpError(404, `there is no service ${name} on this host`);
        op(
          res,
          operations.start('restart', actor, `${verb} ${name}`, [verb], (ctx) =>
            ctx.step(verb, () => o.services[verb]([name])),
          ),
        );
      },
    },
    {
      method: 'POST',
      path: /^\/cleanup$/,
      handle: async (req, res, _m, actor) => {
        const body = await readJson(req);
        const dirs = o.scratchDirs ?? {};
        const name = body.dir;
        if (typeof name !== 'string' || !Object.hasOwn(dirs, name))
          throw new HttpError(400, `dir: one of ${Object.keys(dirs).join(', ') || '(none on this host)'}`);
        const dir = dirs[name]!;
        op(
          res,
          operations.start('cleanup', actor, name, ['empty'], (ctx) =>
            ctx.step(
              'empty',
              async () => {
                let freed = 0;
                // The folder itself must be a real one: a symbolic link put in its place would empty
                // wherever it points (entries inside are removed as themselves, never followed).
                if (existsSync(dir) && !(await lstat(dir)).isDirectory())
                  throw new Error(`${name} is not a plain folder (a symbolic link?): nothing emptied`);
                for (const entry of existsSync(dir) ? readdirSync(dir) : []) {
                  const path = join(dir, entry);
                  freed += await sizeOf(path);
                  await rm(path, { recursive: true, force: true });
                }
                return { freed };
              },
              (r) => `${r.freed} bytes freed in ${name}`,
            ),
          ),
        );
      },
    },
    {
      method: 'POST',
      path: /^\/queues\/drain$/,
      handle: async (_q, res, _m, actor) => {
        const redisUrl = o.redisUrl;
        if (!redisUrl) throw new HttpError(409, 'this host runs no generation queue');
        op(
          res,
          operations.start('drain', actor, 'generation queue', ['remove waiting jobs'], (ctx) =>
            ctx.step(
              'remove waiting jobs',
              () => drainGenerationQueue(redisUrl, o.redisPrefix ?? 'aula:'),
              (r) => `${r.removed} waiting jobs removed`,
            ),
          ),
        );
      },
    },
    {
      method: 'GET',
      path: /^\/backups$/,
      handle: async (_q, res) =>
        send(
          res,
          200,
          (await backups().list(o.backupsDir)).sort((a, b) => b.createdAt.localeCompare(a.createdAt)),
        ),
    },
    {
      method: 'POST',
      path: /^\/backups$/,
      handle: async (req, res, _m, actor) => {
        const body = await readJson(req);
        const kind = (body.kind ?? 'full') as BackupKind;
        if (!BACKUP_KINDS.includes(kind)) throw new HttpError(400, `kind: one of ${BACKUP_KINDS.join(', ')}`);
        const to = body.to === undefined ? o.backupsDir : body.to;
        if (typeof to !== 'string' || !isAbsolute(to) || to.includes('\0'))
          throw new HttpError(400, 'to: an absolute folder on this host');
        const api = backups();
        op(
          res,
          operations.start('backup', actor, `${kind} → ${to}`, [], async (ctx) => {
            const entry = await api.create({ kind, dir: to, onStep: ctx.onStep, signal: ctx.signal });
            if (to === o.backupsDir) await api.prune(o.backupsDir, keep);
            return entry;
          }),
        );
      },
    },
    {
      method: 'GET',
      path: /^\/backups\/([^/]+)\/download$/,
      handle: async (_q, res, m) => {
        const entry = await findBackup(decodeURIComponent(m[1]!));
        const { size } = await stat(entry.path);
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(size),
          'content-disposition': `attachment; filename="${entry.id}.aula-backup"`,
          'x-aula-sha256': entry.sha256,
        });
        await pipeline(createReadStream(entry.path), res);
      },
    },
    {
      method: 'PUT',
      path: /^\/backups\/([^/]+)$/,
      handle: async (req, res, m, actor) => {
        const id = decodeURIComponent(m[1]!);
        if (!ID.test(id)) throw new HttpError(400, 'the backup id has characters a backup id never has');
        const api = backups();
        const final = join(o.backupsDir, `${id}.aula-backup`);
        // Written under a name no listing takes for a backup, renamed once checked.
        const partial = join(o.backupsDir, `.incoming-${id}-${randomBytes(4).toString('hex')}`);
        const hash = createHash('sha256');
        try {
          req.on('data', (chunk: Buffer) => hash.update(chunk));
          await pipeline(req, createWriteStream(partial, { mode: 0o600 }));
          const sha256 = hash.digest('hex');
          const claimed = req.headers['x-aula-sha256'];
          if (typeof claimed === 'string' && claimed !== sha256)
            throw new HttpError(422, 'the archive arrived damaged (its checksum differs from the sender’s)');
          const entry = await api.inspect(partial).catch((e: Error) => {
            throw new HttpError(422, `the archive is not a complete Aula backup: ${e.message}`);
          });
          if (entry.manifest.id !== id)
            throw new HttpError(422, `the archive holds backup ${entry.manifest.id}, not ${id}`);
          await rename(partial, final);
          audit.write({ actor, action: 'receive backup', target: id, outcome: 'done', detail: `${entry.bytes} bytes` });
          send(res, 201, { ...(await api.inspect(final)) });
        } catch (error) {
          await rm(partial, { force: true });
          audit.write({
            actor,
            action: 'receive backup',
            target: id,
            outcome: 'failed',
            detail: (error as Error).message,
          });
          throw error;
        }
      },
    },
    {
      method: 'POST',
      path: /^\/restore$/,
      handle: async (req, res, _m, actor) => {
        const body = await readJson(req);
        const entry = await findBackup(body.backup);
        const api = backups();
        if (body.databaseUrl !== undefined) {
          const databaseUrl = body.databaseUrl;
          if (typeof databaseUrl !== 'string' || !/^postgres(ql)?:\/\//.test(databaseUrl))
            throw new HttpError(400, 'databaseUrl: a postgres:// URL of an empty database');
          op(
            res,
            operations.start('restore', actor, `${entry.id} → ${new URL(databaseUrl).pathname.slice(1)}`, [], (ctx) =>
              api.restore({ path: entry.path, databaseUrl, onStep: ctx.onStep, signal: ctx.signal }),
            ),
          );
          return;
        }
        if (o.role !== 'mirror') {
          audit.write({
            actor,
            action: 'restore',
            target: entry.id,
            outcome: 'refused',
            detail: 'onto its own database',
          });
          throw new HttpError(409, 'only the Mirror restores onto its own database; give databaseUrl for a fresh one');
        }
        ownDatabase();
        op(
          res,
          operations.start(
            'restore',
            actor,
            `${entry.id} → this host`,
            [
              'stop services',
              'recreate the database',
              'restore',
              ...(o.afterOwnRestore ? ['this host’s own accounts'] : []),
              'start services',
            ],
            (ctx) => restoreOwn(entry, ctx),
          ),
        );
      },
    },
    {
      method: 'POST',
      path: /^\/drills$/,
      handle: async (req, res, _m, actor) => {
        const body = await readJson(req);
        const entry = await findBackup(body.backup);
        ownDatabase();
        const api = backups();
        op(
          res,
          operations.start('drill', actor, entry.id, [], async (ctx) => {
            const report = await api.drill({ path: entry.path, onStep: ctx.onStep, signal: ctx.signal });
            writeFileSync(lastDrillFile, JSON.stringify(report));
            if (!report.ok) throw new Error(`the drill found problems: ${report.problems.join('; ')}`);
            return report;
          }),
        );
      },
    },
    { method: 'GET', path: /^\/drills\/last$/, handle: async (_q, res) => send(res, 200, lastDrill()) },
    {
      method: 'GET',
      path: /^\/catalogue$/,
      handle: async (_q, res) => {
        if (!o.apiUrl) throw new HttpError(409, 'this host serves no course API');
        send(res, 200, await readCatalogue(o.apiUrl));
      },
    },
    {
      method: 'POST',
      path: /^\/clone$/,
      handle: async (req, res, _m, actor) => {
        const body = await readJson(req);
        if (body.to !== undefined && body.to !== 'mirror') throw new HttpError(400, 'to: "mirror"');
        if (o.role !== 'main') throw new HttpError(409, 'only Main clones itself to the Mirror');
        const mirror = o.mirror;
        if (!mirror)
          throw new HttpError(
            409,
            'the Mirror’s agent is not configured (AULA_MIRROR_AGENT_URL, AULA_MIRROR_AGENT_TOKEN)',
          );
        const apiUrl = o.apiUrl;
        if (!apiUrl) throw new HttpError(409, 'this host serves no course API');
        const api = backups();
        const running = operations.list().find((x) => x.kind === 'clone' && x.state === 'running');
        if (running) throw new HttpError(409, `a clone is already running (${running.id})`);
        op(
          res,
          operations.start('clone', actor, 'mirror', [], (ctx) =>
            cloneToMirror({
              ctx,
              mirror: agentClient(mirror.url, mirror.token, actor, 120_000),
              backup: async (onStep, signal) => {
                const entry = await api.create({ kind: 'full', dir: o.backupsDir, onStep, signal });
                await api.prune(o.backupsDir, keep);
                return entry;
              },
              catalogue: (signal) => readCatalogue(apiUrl, signal),
              compare: compareCatalogues,
            }),
          ),
        );
      },
    },
    { method: 'GET', path: /^\/operations$/, handle: async (_q, res) => send(res, 200, operations.list()) },
    {
      method: 'GET',
      path: /^\/operations\/([^/]+)$/,
      handle: async (_q, res, m) => {
        const found = operations.get(decodeURIComponent(m[1]!));
        if (!found) throw new HttpError(404, 'there is no such operation');
        send(res, 200, found);
      },
    },
    {
      method: 'DELETE',
      path: /^\/operations\/([^/]+)$/,
      handle: async (_q, res, m, actor) => {
        const id = decodeURIComponent(m[1]!);
        const found = operations.cancel(id, actor);
        if (!found) throw new HttpError(404, 'there is no such operation');
        // Give the work a moment to stop, so the answer says where it stopped.
        await Promise.race([operations.settled(id), new Promise((r) => setTimeout(r, 3_000))]);
        send(res, 200, found);
      },
    },
    {
      method: 'GET',
      path: /^\/audit$/,
      handle: async (req, res) => {
        const limit = Math.min(
          1_000,
          Math.max(1, Number(new URL(req.url ?? '', 'http://x').searchParams.get('limit') ?? 100) || 100),
        );
        send(res, 200, audit.read(limit));
      },
    },
  ];

  const server = createServer((req, res) => {
    void (async () => {
      const header = req.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : '';
      const actorHeader = req.headers['x-aula-actor'];
      const actor = typeof actorHeader === 'string' ? actorHeader.trim() : '';
      if (!given || !timingSafeEqual(digest(given), expected)) {
        if (req.method !== 'GET')
          audit.write({
            actor: actor && actor.length <= 200 ? actor : 'unknown',
            action: `${req.method} ${(req.url ?? '').split('?')[0]}`,
            outcome: 'refused',
            detail: 'no valid agent token',
          });
        res.setHeader('www-authenticate', 'Bearer');
        return send(res, 401, { error: 'this agent needs its token (Authorization: Bearer …)' });
      }
      if (actor.length > 200 || [...actor].some((c) => c.charCodeAt(0) < 32))
        throw new HttpError(400, 'X-Aula-Actor: an email or a name, without control characters');
      if (!actor && req.method !== 'GET') throw new HttpError(400, 'X-Aula-Actor: say who asks (the person’s email)');
      const path = new URL(req.url ?? '/', 'http://agent').pathname;
      const candidates = routes.filter((r) => r.path.test(path));
      if (candidates.length === 0) throw new HttpError(404, 'there is no such route on the agent');
      const route = candidates.find((r) => r.method === req.method);
      if (!route) throw new HttpError(405, `${req.method} is not allowed here`);
      await route.handle(req, res, route.path.exec(path) ?? [], actor || 'unknown');
    })().catch((error: Error) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (status === 500) log(`agent: ${req.method} ${req.url}: ${error.stack ?? error.message}`);
      if (res.headersSent) return res.destroy();
      send(res, status, { error: status === 500 ? `the agent failed: ${error.message}` : error.message });
    });
  });
  server.requestTimeout = 0; // archives take their time
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.listen.port, o.listen.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : o.listen.port;
  const url = `http://${o.listen.host.includes(':') ? `[${o.listen.host}]` : o.listen.host}:${port}`;
  log(`agent listening on ${url}`);
  return {
    url,
    server,
    operations,
    audit,
    stop: async () => {
      sampler.stop();
      for (const running of operations.list().filter((x) => x.state === 'running'))
        operations.cancel(running.id, 'agent');
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
