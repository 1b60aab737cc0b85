import {
  AcceptProposalRequest,
  type AcceptProposalResult,
  AulaError,
  invalidFromIssues,
  isUuid,
  ROLE_NAMES,
} from '@aula/domain';
import { type Ctx, requireRole } from '../../context.ts';
import { generateCourse } from '../generate-course.ts';

/**
 * Locks a new proposal and moves it to `to`; 409 when someone already decided it. Returns the row.
 */
export async function claimProposal(ctx: Ctx, id: string, to: 'accepted' | 'dismissed') {
  if (!isUuid(id)) throw new AulaError('not_found', 'No such proposal.');
  return ctx.transaction(async (items, knex) => {
    await knex('topic_proposals').where({ id }).forUpdate();
    const [proposal] = await items('topic_proposals').readByQuery({
      filter: { id: { _eq: id } },
      fields: ['id', 'title', 'audience', 'language', 'status'],
    });
    if (!proposal) throw new AulaError('not_found', 'No such proposal.');
    if (proposal.status !== 'new') throw new AulaError('conflict', `This proposal was already ${proposal.status}.`);
    await items('topic_proposals').updateOne(id, { status: to });
    return proposal;
  });
}

/** A proposal becomes a course request (the same as `POST /aula/courses/generate`) with these settings. */
export async function acceptProposal({
  ctx,
  id,
  input,
}: {
  ctx: Ctx;
  id: string;
  input: unknown;
}): Promise<AcceptProposalResult> {
  requireRole(ctx, [ROLE_NAMES.contentManager]);
  const parsed = AcceptProposalRequest.safeParse(input ?? {});
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const proposal = await claimProposal(ctx, id, 'accepted');
  try {
    const { runId, courseId } = await generateCourse({
      ctx,
      input: {
        topic: proposal.title,
        ...(proposal.audience ? { audience: proposal.audience } : {}),
        language: proposal.language ?? 'es',
        ...parsed.data,
      },
    });
    await ctx.items('topic_proposals').updateOne(id, { course: courseId });
    return { proposalId: id, runId, courseId };
  } catch (error) {
    await ctx.items('topic_proposals').updateOne(id, { status: 'new' });
    throw error;
  }
}

/** A proposal nobody wants: it stays, so later scans still recognise its topic. */
export async function dismissProposal({ ctx, id }: { ctx: Ctx; id: string }) {
  requireRole(ctx, [ROLE_NAMES.contentManager]);
  await claimProposal(ctx, id, 'dismissed');
  return { id, status: 'dismissed' as const };
}
