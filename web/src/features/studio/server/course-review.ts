import 'server-only';
import { CourseStatus, QuizCheckFlag, RunStatus } from '@aula/domain';
import { z } from 'zod';
import { directusGet } from '../../../shared/directus.ts';
import { LAST_EDIT_FIELDS, LastEdit } from './content-api.ts';
import { requestedTopic } from './studio-api.ts';

const bySort = <T extends { sort: number | null }>(items: T[]) =>
  items.toSorted((a, b) => (a.sort ?? 0) - (b.sort ?? 0));

const Question = z
  .object({
    id: z.string(),
    sort: z.number().nullable(),
    prompt: z.string(),
    options: z.array(z.string()),
    correct_option: z.number(),
    explanation: z.string().nullable(),
    lesson_section: z.string().nullable(),
    // What the quiz checks still found after one regeneration (decision 020); null when it passed.
    check_flags: z.array(QuizCheckFlag).nullable().catch(null),
  })
  .and(LastEdit.transform((lastEdit) => ({ lastEdit })));

const Lesson = z
  .object({
    id: z.string(),
    title: z.string(),
    sort: z.number().nullable(),
    body: z.string().nullable(),
    objectives: z.array(z.string()).nullable(),
    module: z.object({ sort: z.number().nullable() }).nullable(),
    quizzes: z.array(
      z.object({ id: z.string(), title: z.string(), pass_score: z.number(), questions: z.array(Question) }),
    ),
    references: z.array(
      z.object({
        sort: z.number().nullable(),
        url: z.string(),
        title: z.string(),
        snippet: z.string().nullable(),
        check_status: z.enum(['unchecked', 'ok', 'broken']).nullable(),
        check_reason: z.string().nullable(),
        broken_since: z.string().nullable(),
      }),
    ),
  })
  .and(LastEdit.transform((lastEdit) => ({ lastEdit })));

const CourseReview = z
  .object({
    id: z.string(),
    title: z.string(),
    slug: z.string(),
    summary: z.string().nullable(),
    status: CourseStatus,
    language: z.enum(['es', 'en']),
    lessons: z.array(Lesson),
  })
  .and(LastEdit.transform((lastEdit) => ({ lastEdit })))
  .transform((course) => ({
    ...course,
    lessons: course.lessons
      .toSorted((a, b) => (a.module?.sort ?? 0) - (b.module?.sort ?? 0) || (a.sort ?? 0) - (b.sort ?? 0))
      .map((lesson) => {
        const quiz = lesson.quizzes[0];
        return {
          id: lesson.id,
          title: lesson.title,
          body: lesson.body ?? '',
          objectives: lesson.objectives ?? [],
          lastEdit: lesson.lastEdit,
          quiz: quiz
            ? { id: quiz.id, title: quiz.title, passScore: quiz.pass_score, questions: bySort(quiz.questions) }
            : null,
          // Students see only the working ones; the broken ones (hidden by the workers' re-check) listed apart.
          references: bySort(lesson.references.filter((r) => r.check_status !== 'broken')).map(reference),
          brokenReferences: bySort(lesson.references.filter((r) => r.check_status === 'broken')).map((r) => ({
            ...reference(r),
            reason: r.check_reason ?? '',
            since: r.broken_since,
          })),
        };
      }),
  }));
export type CourseReview = z.output<typeof CourseReview>;

function reference(r: { url: string; title: string; snippet: string | null }) {
  return { url: r.url, title: r.title, snippet: r.snippet };
}

/**
 * A course as its reviewers see it, read with the staff member's own token (Directus lets content
 * managers and administrators read drafts and answer keys; students never get here): every lesson's
 * text, its quiz with the correct option and explanation of each question, and its references.
 * `null` when there is no such course.
 */
export async function getCourseReview({ token, courseId }: { token: string; courseId: string }) {
  const lesson = ['id', 'title', 'sort', 'body', 'objectives', 'module.sort', ...LAST_EDIT_FIELDS];
  const question = [
    'id',
    'sort',
    'prompt',
    'options',
    'correct_option',
    'explanation',
    'lesson_section',
    'check_flags',
    ...LAST_EDIT_FIELDS,
  ];
  const fields = [
    'id',
    'title',
    'slug',
    'summary',
    'status',
    'language',
    ...LAST_EDIT_FIELDS,
    ...lesson.map((f) => `lessons.${f}`),
    'lessons.quizzes.id',
    'lessons.quizzes.title',
    'lessons.quizzes.pass_score',
    ...question.map((f) => `lessons.quizzes.questions.${f}`),
    ...['sort', 'url', 'title', 'snippet', 'check_status', 'check_reason', 'broken_since'].map(
      (f) => `lessons.references.${f}`,
    ),
  ];
  const [course] = await directusGet(
    '/items/courses',
    { fields: fields.join(','), filter: JSON.stringify({ id: { _eq: courseId } }), limit: '1' },
    z.array(CourseReview),
    { token },
  );
  return course ?? null;
}

const CourseRun = z.object({
  id: z.string(),
  status: RunStatus,
  request: z.looseObject({ kind: z.string().optional(), topic: z.string().optional() }).nullable(),
  decision: z.string().nullable(),
});

/**
 * What the review page shows about a course's runs: its latest course run (the way back to it, and the
 * topic it was asked for), and each regeneration still to decide, by the lesson or quiz it is for:
 * one at work, or finished with a new version nobody accepted or discarded yet. A reload shows them again.
 */
export async function getCourseRuns({ token, courseId }: { token: string; courseId: string }) {
  const runs = await directusGet(
    '/items/generation_runs',
    {
      // Not `result` (a lesson's two versions each): a completed regeneration nobody decided has one.
      fields: 'id,status,request,decision',
      filter: JSON.stringify({ course: { _eq: courseId } }),
      sort: '-date_created',
      limit: '200',
    },
    z.array(CourseRun),
    { token },
  );
  const courseRun = runs.find((run) => (run.request?.kind ?? 'course') === 'course') ?? null;
  const pending = new Map<string, string>();
  for (const run of runs) {
    const kind = run.request?.kind;
    const target = kind === 'lesson' ? run.request?.lessonId : kind === 'quiz' ? run.request?.quizId : undefined;
    if (typeof target !== 'string' || pending.has(target)) continue;
    const waiting =
      run.status === 'queued' || run.status === 'running' || (run.status === 'completed' && !run.decision);
    // Only the newest regeneration of an item counts: an older one was superseded.
    pending.set(target, waiting ? run.id : '');
  }
  return {
    courseRun: courseRun ? { id: courseRun.id, topic: requestedTopic(courseRun.request) } : null,
    pending: new Map([...pending].filter(([, runId]) => runId !== '')),
  };
}
