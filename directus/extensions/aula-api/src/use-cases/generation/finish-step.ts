import { AulaError, isUuid, QuestionDraft, ROLE_NAMES } from '@aula/domain';
import type { StepWrite } from '@aula/jobs';
import { z } from 'zod';
import { type Ctx, requireRole } from '../../context.ts';
import { directusRunStore } from '../../run-store.ts';

/** The step's result as the run ledger writes it (`RunLedger.runStep`): only these fields. */
const FinishPatch = z
  .object({
    status: z.enum(['completed', 'skipped']),
    provider: z.string().max(64).nullable(),
    model: z.string().max(128).nullable(),
    tokens_in: z.number().int().min(0),
    tokens_out: z.number().int().min(0),
    cost_usd: z.number().min(0),
    detail: z.record(z.string(), z.unknown()).nullable(),
    prompt_version: z.string().max(64).optional(),
    finished_at: z.iso.datetime(),
  })
  .strict();

const Write = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lesson'), lessonId: z.uuid(), body: z.string().max(200_000) }).strict(),
  z.object({ kind: z.literal('assemble'), courseId: z.uuid() }).strict(),
  z
    .object({
      kind: z.literal('quiz'),
      lessonId: z.uuid(),
      quiz: z
        .object({ course: z.uuid(), title: z.string().max(255), pass_score: z.number().int().min(0).max(100) })
        .strict(),
      drafts: z.array(QuestionDraft).max(50),
    })
    .strict(),
]);

const Input = z.object({ patch: FinishPatch, write: Write }).strict();

/**
 * A course's step finishes with what it made, in one transaction (the workers' `RunStore.finishStep`
 * with a `StepWrite`): the step's result, written only while its run is not cancelled, and then the
 * lesson's text, the lesson's quiz with its questions, or (assemble) the course sent to review once
 * every lesson has its text; neither when the result is dropped. For the
 * generator account (and administrators): what it may write over REST anyway, in one request instead
 * of two or three. The write must be about the step's own lesson (or course).
 */
export async function finishStep({ ctx, stepId, input }: { ctx: Ctx; stepId: string; input: unknown }) {
  requireRole(ctx, [ROLE_NAMES.generator]);
  if (!isUuid(stepId)) throw new AulaError('not_found', 'No such step.');
  const parsed = Input.safeParse(input);
  if (!parsed.success) throw new AulaError('invalid', parsed.error.issues.map((i) => i.message).join('; '));
  const { patch, write } = parsed.data;
  const kept = await ctx.transaction((items) => directusRunStore(items).finishStep(stepId, patch, write as StepWrite));
  if (kept) return { kept };
  // Nothing written: the run was cancelled meanwhile, or the step is not this write's (or no step at all).
  const [step] = await ctx.items('generation_steps').readByQuery<'run'>({
    filter: { id: { _eq: stepId } },
    fields: ['kind', 'target', 'run.course', 'run.status'],
    limit: 1,
  });
  if (!step) throw new AulaError('not_found', 'No such step.');
  const own =
    step.kind === write.kind &&
    (write.kind === 'assemble' ? step.run?.course === write.courseId : step.target === write.lessonId);
  if (!own)
    throw new AulaError('invalid', `A ${step.kind} step cannot write a ${write.kind} of another lesson or course.`);
  return { kept };
}
