import { AulaError, isUuid } from '@aula/domain';
import type { Ctx } from '../../context.ts';
import type { Row } from '../../directus.ts';

/** What one question of a tutor exchange needs from the database, read in one statement. */
export type TutorRows = {
  lesson: Pick<Row<'lessons'>, 'id' | 'course' | 'title' | 'body' | 'objectives'>;
  course: Pick<Row<'courses'>, 'id' | 'title' | 'language' | 'summary'>;
  enrolled: boolean;
  /** Every lesson of the course in order (module, lesson), with its module. */
  outline: { id: string; title: string; module_id: string | null; module_title: string | null }[];
  /** The ids of the caller's completed lessons in this course. */
  done: string[];
  quiz: Pick<Row<'quizzes'>, 'id' | 'title' | 'pass_score' | 'max_attempts' | 'reveal_answers' | 'score_rule'> | null;
  /** The quiz's questions, answer key included (for grading only: never shown as such). */
  questions: Pick<
    Row<'questions'>,
    'id' | 'prompt' | 'options' | 'correct_option' | 'explanation' | 'lesson_section'
  >[];
  /** The caller's attempts at that quiz, newest first. */
  attempts: Pick<Row<'quiz_attempts'>, 'score' | 'passed' | 'answers' | 'results'>[];
  /** The conversation asked about, when given and the caller's own. */
  conversation: Pick<Row<'tutor_conversations'>, 'id' | 'lesson' | 'title'> | null;
  /** Its latest messages, newest first (at most `historyLimit`). */
  history: Pick<Row<'tutor_messages'>, 'id' | 'role' | 'content' | 'status' | 'date_created'>[];
};

// One statement: the lesson (of a published course only), its course, whether the caller is enrolled,
// the outline, what the caller completed, the quiz with its questions and the caller's attempts, and
// the caller's own conversation with its latest messages. Every per-person part filters by the
// caller's id: the statement runs with full rights, as the use cases' `items` do.
const SQL = `
with p as (
  select cast(? as uuid) as lesson_id, cast(? as uuid) as user_id, cast(? as uuid) as conversation_id, cast(? as integer) as history_limit
), l as (
  select l.id, l.course, l.title, l.body, l.objectives
  from lessons l join courses c on c.id = l.course, p
  where l.id = p.lesson_id and c.status = 'published'
), q as (
  select z.id, z.title, z.pass_score, z.max_attempts, z.reveal_answers, z.score_rule
  from quizzes z, p where z.lesson = p.lesson_id and exists (select 1 from l)
  order by z.id limit 1
), v as (
  select t.id, t.lesson, t.title
  from tutor_conversations t, p where t.id = p.conversation_id and t."user" = p.user_id
)
select
  (select row_to_json(l) from l) as lesson,
  (select json_build_object('id', c.id, 'title', c.title, 'language', c.language, 'summary', c.summary)
     from courses c where c.id = (select course from l)) as course,
  exists (select 1 from enrollments e, p where e."user" = p.user_id and e.course = (select course from l)) as enrolled,
  (select coalesce(json_agg(json_build_object('id', x.id, 'title', x.title, 'module_id', m.id, 'module_title', m.title)
       order by m.sort asc nulls last, x.sort asc nulls last, x.id), '[]')
     from lessons x left join modules m on m.id = x.module where x.course = (select course from l)) as outline,
  (select coalesce(json_agg(d.lesson), '[]') from lesson_progress d, p
     where d."user" = p.user_id and d.course = (select course from l) and d.completed_at is not null) as done,
  (select row_to_json(q) from q) as quiz,
  (select coalesce(json_agg(json_build_object('id', s.id, 'prompt', s.prompt, 'options', s.options,
       'correct_option', s.correct_option, 'explanation', s.explanation, 'lesson_section', s.lesson_section)
       order by s.sort asc nulls last, s.id), '[]')
     from questions s where s.quiz = (select id from q)) as questions,
  (select coalesce(json_agg(json_build_object('score', a.score, 'passed', a.passed, 'answers', a.answers, 'results', a.results)
       order by a.date_created desc nulls first, a.id desc), '[]')
     from quiz_attempts a, p where a."user" = p.user_id and a.quiz = (select id from q)) as attempts,
  (select row_to_json(v) from v) as conversation,
  (select coalesce(json_agg(json_build_object('id', h.id, 'role', h.role, 'content', h.content, 'status', h.status,
       'date_created', h.date_created) order by h.date_created desc nulls first, h.id desc), '[]')
     from (select m.* from tutor_messages m, p where m.conversation = (select id from v)
           order by m.date_created desc nulls first, m.id desc limit (select history_limit from p)) h) as history
`;

/**
 * Everything a tutor exchange reads, in one query: a lesson that is not a UUID, not found or not of a
 * published course is `not_found`; a conversation id that is not the caller's comes back as null.
 */
export async function readTutorRows(
  ctx: Ctx,
  { lessonId, conversationId, historyLimit }: { lessonId: unknown; conversationId?: string; historyLimit: number },
): Promise<TutorRows> {
  if (!isUuid(lessonId)) throw new AulaError('not_found', 'No such lesson.');
  const conversation = conversationId && isUuid(conversationId) ? conversationId : null;
  const [row] = await ctx.sql<TutorRows>(SQL, [lessonId, ctx.user, conversation, historyLimit]);
  if (!row?.lesson || !row.course) throw new AulaError('not_found', 'No such lesson.');
  return row;
}
