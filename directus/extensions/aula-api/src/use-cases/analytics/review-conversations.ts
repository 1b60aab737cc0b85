import {
  AulaError,
  ConversationFilter,
  type ConversationReview,
  type ConversationReviewList,
  invalidFromIssues,
  isUuid,
  ROLE_NAMES,
} from '@aula/domain';
import type { Ctx } from '../../context.ts';
import { requireRole } from '../../context.ts';
import { iso } from '../learning/access.ts';
import { readMessages } from '../tutor/conversations.ts';

const PAGE_SIZE = 25;

const NAME = `coalesce(nullif(trim(concat_ws(' ', u.first_name, u.last_name)), ''), u.email, '-')`;
const FLAGGED = `EXISTS (SELECT 1 FROM tutor_messages f WHERE f.conversation = c.id AND f.role = 'assistant' AND f.status <> 'complete')`;
const SUMMARY = `c.id, c.lesson, l.title AS lesson_title, c."user" AS student, ${NAME} AS name, c.title,
  (SELECT count(*) FROM tutor_messages n WHERE n.conversation = c.id)::int AS messages, ${FLAGGED} AS flagged,
  coalesce(c.date_updated, c.date_created) AS updated`;
const FROM = `FROM tutor_conversations c JOIN lessons l ON l.id = c.lesson LEFT JOIN directus_users u ON u.id = c."user"`;

type SummaryRow = {
  id: string;
  lesson: string;
  lesson_title: string;
  student: string;
  name: string;
  title: string | null;
  messages: number;
  flagged: boolean;
  updated: string | Date;
};

const present = (r: SummaryRow) => ({
  id: r.id,
  lessonId: r.lesson,
  lessonTitle: r.lesson_title,
  student: { id: r.student, name: r.name },
  title: r.title,
  messages: r.messages,
  flagged: r.flagged,
  updatedAt: iso(r.updated),
});

async function requireCourse(ctx: Ctx, courseId: string) {
  requireRole(ctx, [ROLE_NAMES.contentManager]);
  if (!isUuid(courseId)) throw new AulaError('not_found', 'No such course.');
  const { rows } = await ctx.db.raw<{ title: string; language: string }>(
    'SELECT title, language FROM courses WHERE id = ?',
    [courseId],
  );
  if (!rows[0]) throw new AulaError('not_found', 'No such course.');
  return rows[0];
}

/**
 * `GET /aula/courses/:id/conversations`: the course's tutor conversations for review, newest first,
 * filtered by lesson, student, flagged (an answer stopped short or failed) and words said in them
 * (title or any message, case-insensitive). Content managers and administrators only; read-only.
 */
export async function listCourseConversations({
  ctx,
  courseId,
  query,
}: {
  ctx: Ctx;
  courseId: string;
  query: unknown;
}): Promise<ConversationReviewList> {
  const course = await requireCourse(ctx, courseId);
  const parsed = ConversationFilter.safeParse(query ?? {});
  if (!parsed.success) throw invalidFromIssues(parsed.error.issues);
  const f = parsed.data;
  const where = ['c.course = ?'];
  const bindings: unknown[] = [courseId];
  if (f.lesson) {
    where.push('c.lesson = ?');
    bindings.push(f.lesson);
  }
  if (f.student) {
    where.push('c."user" = ?');
    bindings.push(f.student);
  }
  if (f.flagged === 'true') where.push(FLAGGED);
  if (f.flagged === 'false') where.push(`NOT ${FLAGGED}`);
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    where.push(
      '(c.title ILIKE ? OR EXISTS (SELECT 1 FROM tutor_messages s WHERE s.conversation = c.id AND s.content ILIKE ?))',
    );
    bindings.push(like, like);
  }
  const page = f.page ?? 1;
  const sqlWhere = where.join(' AND ');
  const [list, count, students, lessons] = await Promise.all([
    ctx.db.raw<SummaryRow>(
      `SELECT ${SUMMARY} ${FROM} WHERE ${sqlWhere} ORDER BY updated DESC, c.id LIMIT ${PAGE_SIZE} OFFSET ${(page - 1) * PAGE_SIZE}`,
      bindings,
    ),
    ctx.db.raw<{ n: number }>(`SELECT count(*)::int AS n ${FROM} WHERE ${sqlWhere}`, bindings),
    ctx.db.raw<{ id: string; name: string }>(
      `SELECT DISTINCT c."user" AS id, ${NAME} AS name ${FROM} WHERE c.course = ? ORDER BY name, id`,
      [courseId],
    ),
    ctx.db.raw<{ id: string; title: string }>(
      `SELECT l.id, l.title FROM lessons l JOIN modules m ON m.id = l.module
       WHERE l.course = ? ORDER BY m.sort NULLS LAST, l.sort NULLS LAST, l.id`,
      [courseId],
    ),
  ]);
  return {
    conversations: list.rows.map(present),
    total: count.rows[0]?.n ?? 0,
    page,
    pageSize: PAGE_SIZE,
    students: students.rows,
    course,
    lessons: lessons.rows,
  };
}

/** `GET /aula/courses/:id/conversations/:conversation`: one conversation of the course, every message, oldest first. */
export async function getCourseConversation({
  ctx,
  courseId,
  conversationId,
}: {
  ctx: Ctx;
  courseId: string;
  conversationId: string;
}): Promise<ConversationReview> {
  await requireCourse(ctx, courseId);
  if (!isUuid(conversationId)) throw new AulaError('not_found', 'No such conversation.');
  const { rows } = await ctx.db.raw<SummaryRow>(`SELECT ${SUMMARY} ${FROM} WHERE c.course = ? AND c.id = ?`, [
    courseId,
    conversationId,
  ]);
  const row = rows[0];
  if (!row) throw new AulaError('not_found', 'No such conversation.');
  const { messages: _, ...summary } = present(row);
  return { ...summary, messages: await readMessages(ctx, row.id) };
}
