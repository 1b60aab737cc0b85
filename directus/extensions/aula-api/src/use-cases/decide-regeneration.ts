import { QUESTION_FIELDS, questionDraftOf, questionRowsOf } from '@aula/data/mappings';
import { AulaError, RegenerationResult, ROLE_NAMES, type RunDecision, sameQuestions } from '@aula/domain';
import { type Ctx, requireRole } from '../context.ts';
import type { ItemsOf } from '../directus.ts';
import { isStaff, presentRun, readRun } from './runs.ts';

/**
 * Accepts or discards what a regeneration run wrote. The run row is locked for the decision, so two
 * people deciding at once cannot both win; accepting applies `after` only if the item still says
 * what `before` says (nobody edited it meanwhile).
 */
async function decide(ctx: Ctx, runId: string, decision: RunDecision) {
  requireRole(ctx, [ROLE_NAMES.contentManager]);
  await readRun(ctx, runId);
  await ctx.transaction(async (items, knex) => {
    await knex('generation_runs').where({ id: runId }).forUpdate();
    const run = await items('generation_runs').readOne(runId, { fields: ['status', 'request', 'result', 'decision'] });
    const kind = run.request?.kind;
    if (kind !== 'lesson' && kind !== 'quiz') {
      throw new AulaError('conflict', 'Only a lesson or quiz regeneration can be accepted or discarded.');
    }
    if (run.decision) throw new AulaError('conflict', `This regeneration was already ${run.decision}.`);
    if (run.status !== 'completed' || !run.result) {
      throw new AulaError('conflict', `This regeneration is ${run.status}; only a finished one can be decided.`);
    }
    if (decision === 'accepted') await apply(items, RegenerationResult.parse(run.result));
    await items('generation_runs').updateOne(runId, {
      decision,
      decided_by: ctx.user,
      decided_at: new Date().toISOString(),
    });
  });
  return presentRun(await readRun(ctx, runId), isStaff(ctx));
}

const EDITED = (what: string) =>
  new AulaError(
    'conflict',
    `The ${what} was edited after this new version was written, so accepting it would undo those edits. Discard it and regenerate from the current text.`,
  );

async function apply(items: ItemsOf, result: RegenerationResult) {
  if (result.kind === 'lesson') {
    const [lesson] = await items('lessons').readByQuery({ filter: { id: { _eq: result.lessonId } }, fields: ['body'] });
    if (!lesson) throw new AulaError('conflict', 'The lesson no longer exists.');
    if ((lesson.body ?? '') !== result.before.body) throw EDITED('lesson');
    await items('lessons').updateOne(result.lessonId, { body: result.after.body });
    return;
  }
  const [quiz] = await items('quizzes').readByQuery({ filter: { id: { _eq: result.quizId } }, fields: ['id'] });
  if (!quiz) throw new AulaError('conflict', 'The quiz no longer exists.');
  const current = await items('questions').readByQuery({
    filter: { quiz: { _eq: result.quizId } },
    fields: ['id', ...QUESTION_FIELDS],
    sort: ['sort', 'id'],
    limit: -1,
  });
  if (!sameQuestions(current.map(questionDraftOf), result.before.questions)) {
    throw EDITED('quiz');
  }
  if (current.length > 0) await items('questions').deleteMany(current.map((q) => q.id));
  await items('questions').createMany(questionRowsOf(result.quizId, result.after.questions));
}

export const acceptRegeneration = ({ ctx, runId }: { ctx: Ctx; runId: string }) => decide(ctx, runId, 'accepted');
export const discardRegeneration = ({ ctx, runId }: { ctx: Ctx; runId: string }) => decide(ctx, runId, 'discarded');
