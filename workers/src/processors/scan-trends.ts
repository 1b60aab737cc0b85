import { ProposalsOutput, RunRequest } from '@aula/domain';
import { TOPIC_PROPOSALS_PROMPT_VERSION, topicProposalMessages } from '@aula/llm';
import { UnrecoverableError } from 'bullmq';
import { generate } from '../call-llm.ts';
import type { WorkerCtx } from '../context.ts';
import { type StepJob, withStep } from '../steps.ts';

/**
 * A trend scan's one LLM call: the feed items the course API kept (new topics only, as plain text)
 * are on the run's request; the model's proposals go on the step (`detail.proposals`), where the
 * course API, waiting for the run, reads them and stores the new ones.
 */
export async function scanTrends(ctx: WorkerCtx, job: StepJob, data: { runId: string }) {
  await withStep(ctx, job, { runId: data.runId, kind: 'scan', target: null }, async (run) => {
    const request = RunRequest.parse(run.request);
    if (request.kind !== 'scan') throw new UnrecoverableError(`a trend scan was asked of a ${request.kind} run`);
    const result = await generate(ctx, run, {
      schema: ProposalsOutput,
      schemaName: 'topic_proposals',
      messages: topicProposalMessages(request),
      maxOutputTokens: 400 + 400 * request.maxProposals,
    });
    return {
      calls: [result],
      detail: { proposals: result.object.proposals },
      promptVersion: TOPIC_PROPOSALS_PROMPT_VERSION,
    };
  });
}
