import 'server-only';
import {
  AcceptProposalRequest,
  CourseEdit,
  LessonEdit,
  ObjectivesEdit,
  PreviewRequest,
  QuestionEdit,
  RegenerateRequest,
} from '@aula/domain';
import { revalidatePath } from 'next/cache';
import type { NextRequest } from 'next/server';
import type { z } from 'zod';
import { apiError } from '../../../shared/api-error.ts';
import { DirectusError } from '../../../shared/directus.ts';
import { renderMarkdown } from '../../../shared/markdown/render-markdown.ts';
import { type Method, matchOperation } from '../route-table.ts';
import {
  decideRun,
  regenerate,
  retryRun,
  updateCourse,
  updateLesson,
  updateObjectives,
  updateQuestion,
} from './content-api.ts';
import { acceptProposal, dismissProposal, listProposals, proposalStatusOf } from './proposals-api.ts';
import { staffToken } from './staff-request.ts';
import { cancelRun, changeCourseStatus, getRun } from './studio-api.ts';

type Call<B> = { token: string; id: string; body: B; query: URLSearchParams };

/** One studio operation: its method and path under `/api/studio/`, the body's schema, what it does. */
type Base = {
  method: Method;
  path: string;
  /** For messages: "lesson", "run"… */
  what: string;
  /** The 400's sentence when the body is refused (default: the `what` could not be saved). */
  invalid?: string;
  /** The sentence when the course API or Directus refuses without one of its own. */
  failed?: string;
};
type Parsed = { ok: true; body: unknown } | { ok: false; issues: z.core.$ZodIssue[] };
type Operation = Base & {
  /** The body, checked with the operation's schema before anything is sent (none: not read). */
  parse: (json: () => Promise<unknown>) => Promise<Parsed>;
  work: (call: Call<unknown>) => Promise<unknown>;
};

/** An operation without a `body` schema does not read what was sent; its work is given `undefined`. */
function operation<B extends z.ZodType = z.ZodUndefined>(
  op: Base & { body?: B; work: (call: Call<z.output<B>>) => Promise<unknown> },
): Operation {
  const { body: schema, work, ...rest } = op;
  return {
    ...rest,
    parse: async (json) => {
      if (!schema) return { ok: true, body: undefined };
      const result = schema.safeParse(await json());
      return result.success ? { ok: true, body: result.data } : { ok: false, issues: result.error.issues };
    },
    // `parse` gave the body this schema's output (or `undefined` with no schema, B's default).
    work: (call) => work(call as Call<z.output<B>>),
  };
}

// The regeneration's instruction is what the course API's RegenerateRequest says it is.
const Instruction = RegenerateRequest.pick({ instruction: true });

/**
 * Every studio call the browser makes, in one table. The course API (or Directus's permissions)
 * decides what the staff member may do; this only lets staff through, checks the body with the
 * domain's schema, and passes on the answer.
 */
export const STUDIO_OPERATIONS: readonly Operation[] = [
  // The run, for the progress views to poll; stopping, retrying and deciding a regeneration.
  operation({
    method: 'GET',
    path: 'runs/:id',
    what: 'run',
    failed: 'The run could not be read.',
    work: ({ token, id }) => getRun({ token, runId: id }),
  }),
  operation({
    method: 'POST',
    path: 'runs/:id/cancel',
    what: 'run',
    failed: 'The run could not be cancelled.',
    work: ({ token, id }) => cancelRun({ token, runId: id }),
  }),
  operation({
    method: 'POST',
    path: 'runs/:id/retry',
    what: 'run',
    work: ({ token, id }) => retryRun({ token, runId: id }),
  }),
  ...(['accept', 'discard'] as const).map((action) =>
    operation({
      method: 'POST',
      path: `runs/:id/${action}`,
      what: 'run',
      work: ({ token, id }) => decideRun({ token, runId: id, action }),
    }),
  ),
  // Edits from the review page; a lesson answers with the saved text as students will read it.
  operation({
    method: 'PATCH',
    path: 'lessons/:id',
    what: 'lesson',
    body: LessonEdit,
    work: async ({ token, id, body }) => {
      const saved = await updateLesson({ token, lessonId: id, body: body.body });
      return { ...saved, html: renderMarkdown(saved.body).html };
    },
  }),
  operation({
    method: 'PATCH',
    path: 'lessons/:id/objectives',
    what: 'lesson',
    body: ObjectivesEdit,
    work: ({ token, id, body }) => updateObjectives({ token, lessonId: id, objectives: body.objectives }),
  }),
  // A course's title and summary; the catalogue this server keeps is dropped (a published course shows them).
  operation({
    method: 'PATCH',
    path: 'courses/:id',
    what: 'course',
    body: CourseEdit,
    work: async ({ token, id, body }) => {
      const saved = await updateCourse({ token, courseId: id, edit: body });
      revalidatePath('/', 'layout');
      return saved;
    },
  }),
  operation({
    method: 'PATCH',
    path: 'questions/:id',
    what: 'question',
    body: QuestionEdit,
    work: ({ token, id, body }) => updateQuestion({ token, questionId: id, edit: body }),
  }),
  operation({
    method: 'POST',
    path: 'preview',
    what: 'preview',
    body: PreviewRequest,
    invalid: 'Send { markdown } of at most 60 000 characters.',
    work: async ({ body }) => ({ html: renderMarkdown(body.markdown).html }),
  }),
  // A new version of a lesson or a quiz to compare; answers `{ runId }`.
  ...(['lessons', 'quizzes'] as const).map((kind) =>
    operation({
      method: 'POST',
      path: `${kind}/:id/regenerate`,
      what: kind === 'lessons' ? 'lesson' : 'quiz',
      body: Instruction,
      work: ({ token, id, body }) => regenerate({ token, kind, targetId: id, instruction: body.instruction }),
    }),
  ),
  // Topic proposals: the list (`?status=new|accepted|dismissed`), accept (409 when someone decided first), dismiss.
  operation({
    method: 'GET',
    path: 'proposals',
    what: 'proposals',
    failed: 'The proposals could not be read.',
    work: async ({ token, query }) => ({
      proposals: await listProposals({ token, status: proposalStatusOf(query.get('status')) }),
    }),
  }),
  operation({
    method: 'POST',
    path: 'proposals/:id/accept',
    what: 'proposal',
    body: AcceptProposalRequest,
    work: async ({ token, id, body }) => {
      const accepted = await acceptProposal({ token, proposalId: id, request: body });
      revalidatePath('/studio');
      return accepted;
    },
  }),
  operation({
    method: 'POST',
    path: 'proposals/:id/dismiss',
    what: 'proposal',
    work: ({ token, id }) => dismissProposal({ token, proposalId: id }),
  }),
  // A course into the catalogue or out of it; the catalogue this server keeps for 30 seconds is dropped.
  ...(['publish', 'archive'] as const).map((action) =>
    operation({
      method: 'POST',
      path: `courses/:id/${action}`,
      what: 'course',
      failed: `The course could not be changed (${action}).`,
      work: async ({ token, id }) => {
        const changed = await changeCourseStatus({ token, courseId: id, action });
        revalidatePath('/', 'layout');
        return changed;
      },
    }),
  ),
];

type Context = { params: Promise<{ path: string[] }> };

/**
 * The handler of `/api/studio/[...path]` for one method: another method of a known path is a 405;
 * then staff only (403 otherwise, signed out too: the studio is closed, not hidden); an unknown path
 * or id is a 404; the body is parsed with the operation's schema (400 naming the fields); errors of
 * the course API and Directus are passed on with their sentence.
 */
export function studioHandler(method: Method) {
  return async (request: NextRequest, { params }: Context): Promise<Response> => {
    const { path } = await params;
    const match = matchOperation(STUDIO_OPERATIONS, method, path);
    if (!match.found && match.allow.length > 0) {
      return new Response(null, { status: 405, headers: { allow: match.allow.join(', ') } });
    }
    const auth = await staffToken(request);
    if ('refused' in auth) return auth.refused;
    if (!match.found)
      return apiError('not_found', `No such studio operation: ${method} /api/studio/${path.join('/')}.`);
    const { found: op, id } = match;
    const parsed = await op.parse(() => request.json().catch(() => undefined));
    if (!parsed.ok) {
      const details = parsed.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }));
      return apiError('invalid', op.invalid ?? `The ${op.what} could not be saved: check the fields.`, { details });
    }
    try {
      const answer = await op.work({ token: auth.token, id, body: parsed.body, query: request.nextUrl.searchParams });
      return Response.json(answer, { headers: { 'cache-control': 'no-store' } });
    } catch (error) {
      if (!(error instanceof DirectusError)) throw error;
      return apiError(error.code, error.said ?? op.failed ?? `The ${op.what} could not be changed.`, {
        details: error.details,
      });
    }
  };
}
