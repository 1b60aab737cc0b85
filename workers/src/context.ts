import type { Api } from '@aula/data';
import type { GenerationQueue, StepOutcome as LedgerStepOutcome } from '@aula/jobs';
import type { CallResult, createLlm } from '@aula/llm';
import type { OutboundPolicy } from '@aula/net';
import type { NotifyRunEnded } from './notify-run-ended.ts';
import type { GenerationSpend } from './spend.ts';

export type Llm = ReturnType<typeof createLlm>;

/** What every processor is handed. Built once per worker process. */
export type WorkerCtx = {
  api: Api;
  llm: Llm;
  queue: GenerationQueue;
  /** Waits (or throws a rate-limit signal) before a provider call; see rate-limit.ts. */
  throttle: (provider: string, estimatedTokens: number) => Promise<void>;
  /** The spending ledger (Redis) and the site's daily generation budget; see spend.ts. */
  spend: GenerationSpend;
  log: (message: string, fields?: Record<string, unknown>) => void;
  /** The quiz checks ask the model about ambiguous wording (AULA_QUIZ_AMBIGUITY_CHECK); off when unset. */
  quizAmbiguityCheck?: boolean;
  /** References are only searched when Browser Use is configured. */
  referencesEnabled: boolean;
  /** Announces a run's end to the course-ready webhook (best effort, in the background). */
  notifyRunEnded: NotifyRunEnded;
  /** Which non-public addresses outbound requests may reach (AULA_OUTBOUND_ALLOW; none by default). */
  outboundPolicy: OutboundPolicy;
};

/**
 * What a step reports when it finishes: the provider calls it made (for tokens and cost), a note, the
 * prompt's version, and the result a regeneration or scan run keeps (the run ledger's StepOutcome).
 */
export type StepOutcome = Omit<LedgerStepOutcome, 'calls'> & { calls: CallResult[] };
