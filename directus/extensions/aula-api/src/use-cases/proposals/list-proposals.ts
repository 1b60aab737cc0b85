import { AulaError, PROPOSAL_STATUSES, type ProposalView, ROLE_NAMES } from '@aula/domain';
import { type Ctx, requireRole } from '../../context.ts';
import type { Row } from '../../directus.ts';

const PROPOSAL_FIELDS = [
  'id',
  'title',
  'audience',
  'language',
  'rationale',
  'source_links',
  'score',
  'status',
  'course',
  'date_created',
] as const;

export function presentProposal(p: Pick<Row<'topic_proposals'>, (typeof PROPOSAL_FIELDS)[number]>): ProposalView {
  return {
    id: p.id,
    title: p.title,
    audience: p.audience ?? null,
    language: p.language ?? 'es', // the column's default
    rationale: p.rationale ?? null,
    sourceLinks: Array.isArray(p.source_links) ? p.source_links : [],
    score: p.score ?? null,
    status: p.status,
    courseId: p.course ?? null,
    createdAt: p.date_created,
  };
}

/** Topic proposals for the studio, best first; `status` narrows them (new, accepted, dismissed). */
export async function listProposals({ ctx, status }: { ctx: Ctx; status: unknown }) {
  requireRole(ctx, [ROLE_NAMES.contentManager]);
  if (status !== undefined && !PROPOSAL_STATUSES.includes(status as never)) {
    throw new AulaError('invalid', `status must be one of: ${PROPOSAL_STATUSES.join(', ')}.`, [
      { field: 'status', message: `must be one of: ${PROPOSAL_STATUSES.join(', ')}` },
    ]);
  }
  const rows = await ctx.items('topic_proposals').readByQuery({
    ...(status ? { filter: { status: { _eq: status } } } : {}),
    fields: PROPOSAL_FIELDS,
    sort: ['-score', '-date_created'],
    limit: 200,
  });
  return { proposals: rows.map(presentProposal) };
}
