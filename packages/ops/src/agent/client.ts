import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { AuditEntry, BackupEntry, HostStatus, Operation } from '../contract.ts';
import type { Catalogue } from './catalogue.ts';

/** A host agent's HTTP API from the other side: the CLI, Main's agent talking to the Mirror's, tests. */
export type AgentClient = ReturnType<typeof agentClient>;

export class AgentError extends Error {
  readonly status: number;
  constructor(message: string, status: number) {
    super(message);
    this.name = 'AgentError';
    this.status = status;
  }
}

export function agentClient(baseUrl: string, token: string, actor: string, timeoutMs = 30_000) {
  const base = baseUrl.replace(/\/+$/, '');
  const call = async <T>(method: string, path: string, body?: unknown, signal?: AbortSignal): Promise<T> => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        'x-aula-actor': actor,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: signal ? AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    if (!res.ok) {
      let message = text;
      try {
        message = (JSON.parse(text) as { error?: string }).error ?? text;
      } catch {
        // not JSON
      }
      throw new AgentError(`${base}${path}: ${res.status} ${message}`, res.status);
    }
    return JSON.parse(text) as T;
  };
  return {
    url: base,
    call,
    status: (signal?: AbortSignal) => call<HostStatus>('GET', '/status', undefined, signal),
    operation: (id: string, signal?: AbortSignal) =>
      call<Operation>('GET', `/operations/${encodeURIComponent(id)}`, undefined, signal),
    cancel: (id: string) => call<Operation>('DELETE', `/operations/${encodeURIComponent(id)}`),
    audit: (limit = 100) => call<AuditEntry[]>('GET', `/audit?limit=${limit}`),
    catalogue: (signal?: AbortSignal) => call<Catalogue>('GET', '/catalogue', undefined, signal),
    /** Sends an archive (PUT /backups/:id); the receiver checks its checksum and manifest. */
    sendBackup: async (entry: BackupEntry, signal?: AbortSignal): Promise<BackupEntry> => {
      const { size } = await stat(entry.path);
      const res = await fetch(`${base}/backups/${encodeURIComponent(entry.id)}`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${token}`,
          'x-aula-actor': actor,
          'content-type': 'application/octet-stream',
          'content-length': String(size),
          'x-aula-sha256': entry.sha256,
        },
        body: Readable.toWeb(createReadStream(entry.path)) as ReadableStream,
        duplex: 'half',
        ...(signal ? { signal } : {}),
      } as RequestInit);
      const text = await res.text();
      if (!res.ok) throw new AgentError(`${base}/backups/${entry.id}: ${res.status} ${text}`, res.status);
      return JSON.parse(text) as BackupEntry;
    },
    /** Polls an operation until it ends, calling `onChange` whenever it changed. */
    follow: async (
      id: string,
      onChange: (op: Operation) => void,
      signal?: AbortSignal,
      everyMs = 500,
    ): Promise<Operation> => {
      let last = '';
      for (;;) {
        const op = await call<Operation>('GET', `/operations/${encodeURIComponent(id)}`, undefined, signal);
        const seen = JSON.stringify(op);
        if (seen !== last) onChange(op);
        last = seen;
        if (op.state !== 'running') return op;
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(resolve, everyMs);
          signal?.addEventListener(
            'abort',
            () => {
              clearTimeout(timer);
              reject(signal.reason as Error);
            },
            { once: true },
          );
        });
      }
    },
  };
}
