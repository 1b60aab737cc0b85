import { type JobName, parseJob, RECHECK_REFERENCES_JOB, RecheckReferencesJob } from '@aula/jobs';
import type { WorkerCtx } from '../context.ts';
import type { StepJob } from '../steps.ts';
import { assemble } from './assemble.ts';
import { lesson } from './lesson.ts';
import { outline } from './outline.ts';
import { quiz } from './quiz.ts';
import { recheckReferences } from './recheck-references.ts';
import { references } from './references.ts';
import { scanTrends } from './scan-trends.ts';

/** Job name → processor; payloads are checked here again, whoever enqueued them. */
export async function processJob(ctx: WorkerCtx, job: StepJob & { name: string; data: unknown }) {
  if (job.name === RECHECK_REFERENCES_JOB) {
    RecheckReferencesJob.parse(job.data);
    return recheckReferences(ctx);
  }
  const name = job.name as JobName;
  switch (name) {
    case 'outline':
      return outline(ctx, job, parseJob(name, job.data));
    case 'lesson':
    case 'regenerate-lesson':
      return lesson(ctx, job, parseJob(name, job.data));
    case 'quiz':
    case 'regenerate-quiz':
      return quiz(ctx, job, parseJob(name, job.data));
    case 'references':
      return references(ctx, job, parseJob(name, job.data));
    case 'assemble':
      return assemble(ctx, job, parseJob(name, job.data));
    case 'scan-trends':
      return scanTrends(ctx, job, parseJob(name, job.data));
    default:
      throw new Error(`unknown job ${job.name}`);
  }
}
