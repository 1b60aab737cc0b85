import { z } from 'zod';
import { FINDING_KINDS, type Problem } from './watch.ts';

/**
 * The runbooks: the only things the ops agent ever does. Reviewed like code (this file), validated
 * when the agent starts (`validateRunbooks`), and closed: the model picks a runbook by id from this
 * list and nothing else; the action is the runbook's, never the model's.
 */
export const ACTION_KINDS = ['restart', 'cleanup', 'rollback', 'drain', 'backup', 'none'] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

export const RunbookSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{1,40}$/),
    title: z.object({ es: z.string().min(3), en: z.string().min(3) }),
    /** The problems it applies to. */
    matches: z.object({ kinds: z.array(z.enum(FINDING_KINDS)).min(1), services: z.array(z.string()).optional() }),
    /** What a person (and the model) checks first, in plain words; the agent confirms the problem is still there. */
    checks: z.array(z.string().min(3)).min(1),
    action: z.object({
      kind: z.enum(ACTION_KINDS),
      /** For `cleanup`: the host agent's scratch folder by name. */
      dir: z
        .string()
        .regex(/^[a-z0-9-]+$/)
        .optional(),
      /** The service acted on, when it is not the problem's own (queue stuck → the workers). */
      service: z.string().optional(),
    }),
    verify: z.object({
      /** Plain words; the agent's test is that the problem's finding is gone. */
      check: z.string().min(3),
      withinSeconds: z.number().int().min(5).max(3_600),
      everySeconds: z.number().min(0.2).max(60),
    }),
    giveUp: z.object({ attempts: z.number().int().min(1).max(5), after: z.literal('escalate') }),
  })
  .refine((r) => r.action.kind !== 'cleanup' || r.action.dir, { message: 'a cleanup names its folder (dir)' });
export type Runbook = z.infer<typeof RunbookSchema>;

export const RUNBOOKS: Runbook[] = [
  {
    id: 'service-down',
    title: { es: 'Servicio caído: reiniciarlo', en: 'Service down: restart it' },
    matches: { kinds: ['down', 'restarts'] },
    checks: [
      'the service is stopped or failed, or its health check fails',
      'every service it depends on is healthy (else the cause is elsewhere)',
    ],
    action: { kind: 'restart' },
    verify: { check: 'the service runs and its health check answers', withinSeconds: 180, everySeconds: 2 },
    giveUp: { attempts: 2, after: 'escalate' },
  },
  {
    id: 'out-of-memory',
    title: { es: 'Memoria agotada: reiniciar el servicio', en: 'Out of memory: restart the service' },
    matches: { kinds: ['memory'] },
    checks: ['memory used above the limit', 'which service grew (restarts, log lines about heap or OOM)'],
    action: { kind: 'restart', service: 'workers' },
    verify: { check: 'memory back under the limit', withinSeconds: 300, everySeconds: 5 },
    giveUp: { attempts: 1, after: 'escalate' },
  },
  {
    id: 'disk-nearly-full',
    title: { es: 'Disco casi lleno: vaciar la carpeta temporal', en: 'Disk nearly full: empty the scratch folder' },
    matches: { kinds: ['disk'] },
    checks: ['the data disk is above its limit', 'the scratch folder holds files nothing keeps'],
    action: { kind: 'cleanup', dir: 'scratch' },
    verify: { check: 'the disk is back under its limit', withinSeconds: 120, everySeconds: 2 },
    giveUp: { attempts: 1, after: 'escalate' },
  },
  {
    id: 'failed-deployment',
    title: {
      es: 'Despliegue fallido: volver al último bueno',
      en: 'Failed deployment: roll back to the last good one',
    },
    matches: { kinds: ['deploy-failed'] },
    checks: ['the newest deployment fails its health check', 'an earlier deployment that worked can be rolled back to'],
    action: { kind: 'rollback' },
    verify: { check: 'the health check answers after the rollback', withinSeconds: 300, everySeconds: 2 },
    giveUp: { attempts: 1, after: 'escalate' },
  },
  {
    id: 'queue-stuck',
    title: { es: 'Cola atascada: reiniciar los workers', en: 'Queue stuck: restart the workers' },
    matches: { kinds: ['queue'] },
    checks: ['the oldest waiting job keeps growing', 'the workers run (restarts, last log lines)'],
    action: { kind: 'restart', service: 'workers' },
    verify: { check: 'the oldest waiting job is younger than the limit', withinSeconds: 600, everySeconds: 10 },
    giveUp: { attempts: 1, after: 'escalate' },
  },
  {
    id: 'n8n-workflow-stuck',
    title: { es: 'Flujo de n8n atascado: reiniciar n8n', en: 'n8n workflow stuck: restart n8n' },
    matches: { kinds: ['down', 'slow', 'restarts'], services: ['n8n'] },
    checks: ['n8n’s readiness check fails or is slow', 'executions stay running (n8n’s log)'],
    action: { kind: 'restart', service: 'n8n' },
    verify: { check: 'n8n answers its readiness check', withinSeconds: 300, everySeconds: 3 },
    giveUp: { attempts: 1, after: 'escalate' },
  },
  {
    id: 'backup-missing',
    title: { es: 'Falta la copia: hacer una completa', en: 'Backup missing: make a full one' },
    matches: { kinds: ['backup'] },
    checks: ['no backup newer than the limit', 'the disk has room for one'],
    action: { kind: 'backup' },
    verify: { check: 'a backup newer than the limit exists', withinSeconds: 1_800, everySeconds: 10 },
    giveUp: { attempts: 1, after: 'escalate' },
  },
  {
    id: 'escalate',
    title: { es: 'Avisar a una persona', en: 'Tell a person' },
    matches: { kinds: ['unreachable', 'slow', 'down', 'memory', 'restarts'] },
    checks: ['nothing the agent may do applies, or the host does not answer'],
    action: { kind: 'none' },
    verify: { check: 'a person looks', withinSeconds: 5, everySeconds: 1 },
    giveUp: { attempts: 1, after: 'escalate' },
  },
];

/** Throws, naming the runbook and the field, when one is not valid or two share an id. */
export function validateRunbooks(list: unknown[]): Runbook[] {
  const seen = new Set<string>();
  return list.map((r, i) => {
    const parsed = RunbookSchema.safeParse(r);
    if (!parsed.success)
      throw new Error(
        `runbook ${i} (${(r as { id?: string })?.id ?? '?'}): ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
      );
    if (seen.has(parsed.data.id)) throw new Error(`runbook id ${parsed.data.id} is used twice`);
    seen.add(parsed.data.id);
    return parsed.data;
  });
}

/** The runbooks that apply to a problem, the most specific first (naming its service before the generic). */
export function runbooksFor(problem: Problem, list: Runbook[] = RUNBOOKS): Runbook[] {
  return list
    .filter((r) => r.matches.kinds.includes(problem.kind))
    .filter(
      (r) => !r.matches.services || (problem.service !== undefined && r.matches.services.includes(problem.service)),
    )
    .sort((a, b) => Number(Boolean(b.matches.services)) - Number(Boolean(a.matches.services)))
    .sort((a, b) => Number(a.action.kind === 'none') - Number(b.action.kind === 'none'));
}
