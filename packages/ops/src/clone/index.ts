import type { Catalogue } from '../agent/catalogue.ts';
import type { AgentClient } from '../agent/client.ts';
import type { OperationContext } from '../agent/operations.ts';
import type { BackupEntry, OnStep, Operation } from '../contract.ts';

/**
 * Clone Main to the Mirror, run by Main's agent as one operation: back Main up (full), send the
 * archive to the Mirror's agent, have it restore onto its own database (it stops its services,
 * makes its database again, restores and starts them with its own secrets), then compare the
 * catalogue both serve. Each is a step of the operation; the Mirror's own steps show as
 * "Mirror: …". Stopping it stops the Mirror's restore too (the Mirror then starts its services on
 * whatever its database holds); running it again replaces the Mirror's data again.
 */
export type CloneInput = {
  ctx: OperationContext;
  mirror: AgentClient;
  backup: (onStep: OnStep, signal: AbortSignal) => Promise<BackupEntry>;
  catalogue: (signal: AbortSignal) => Promise<Catalogue>;
  compare: (main: Catalogue, mirror: Catalogue) => string[];
};

export type CloneResult = { backupId: string; bytes: number; courses: number; digest: string };

export const CLONE_STEPS = [
  'back up Main',
  'send to the Mirror',
  'restore on the Mirror',
  'compare catalogues',
] as const;

export async function cloneToMirror({ ctx, mirror, backup, catalogue, compare }: CloneInput): Promise<CloneResult> {
  for (const name of CLONE_STEPS) ctx.onStep(name, 'pending');
  // The Mirror must answer before anything is written.
  await mirror.status(ctx.signal).catch((error: Error) => {
    throw new Error(`the Mirror’s agent does not answer: ${error.message}`);
  });
  const entry = await ctx.step(
    'back up Main',
    () => backup(() => {}, ctx.signal),
    (e) => `${e.id}, ${(e.bytes / 1024 / 1024).toFixed(1)} MiB`,
  );
  ctx.progress(0.25);
  await ctx.step(
    'send to the Mirror',
    () => mirror.sendBackup(entry, ctx.signal),
    () => `${(entry.bytes / 1024 / 1024).toFixed(1)} MiB, sha256 ${entry.sha256.slice(0, 12)}…`,
  );
  ctx.progress(0.4);
  await ctx.step('restore on the Mirror', async () => {
    const started = await mirror.call<Operation>('POST', '/restore', { backup: entry.id }, ctx.signal);
    const stop = () => void mirror.cancel(started.id).catch(() => {});
    ctx.signal.addEventListener('abort', stop, { once: true });
    try {
      const done = await mirror.follow(
        started.id,
        (op) => {
          for (const step of op.steps) ctx.onStep(`Mirror: ${step.name}`, step.state, step.detail);
        },
        ctx.signal,
      );
      if (done.state !== 'done') throw new Error(`the Mirror’s restore ${done.state}: ${done.error ?? 'stopped'}`);
    } finally {
      ctx.signal.removeEventListener('abort', stop);
    }
  });
  ctx.progress(0.85);
  return ctx.step(
    'compare catalogues',
    async () => {
      const [ours, theirs] = await Promise.all([catalogue(ctx.signal), mirror.catalogue(ctx.signal)]);
      const problems = compare(ours, theirs);
      if (problems.length) throw new Error(`the Mirror serves another catalogue: ${problems.join('; ')}`);
      return { backupId: entry.id, bytes: entry.bytes, courses: ours.courses.length, digest: ours.digest };
    },
    (r) => `${r.courses} published courses, the same on both`,
  );
}
