import type { QuestionResult, QuizCheckFlag, RegenerationResult, RunAttempt, RunRequest } from '@aula/domain';
import {
  COURSE_STATUSES,
  COVER_SOURCES,
  DEFAULT_QUIZ_POLICY,
  ENROLLMENT_STATUSES,
  LANGUAGES,
  LEVELS,
  MESSAGE_ROLES,
  PROPOSAL_STATUSES,
  REFERENCE_CHECK_STATUSES,
  REVEAL_MOMENTS,
  RUN_DECISIONS,
  RUN_STATUSES,
  SCORE_RULES,
  STEP_KINDS,
  STEP_STATUSES,
  TUTOR_MESSAGE_STATUSES,
} from '@aula/domain';
import {
  boolean,
  choice,
  collection,
  dateCreated,
  dateUpdated,
  float,
  integer,
  json,
  m2o,
  o2m,
  shape,
  string,
  text,
  timestamp,
  validated,
} from './fields.ts';

const userCreated = (c: string) =>
  m2o(c, 'user_created', 'directus_users', { special: ['user-created'], hidden: true });
const userUpdated = (c: string) =>
  m2o(c, 'user_updated', 'directus_users', { special: ['user-updated'], hidden: true });
const owner = (c: string) => m2o(c, 'user', 'directus_users', { required: true, indexed: true });
const usage = () => [
  string('provider', { max: 64 }),
  string('model', { max: 128 }),
  integer('tokens_in', { default: 0 }),
  integer('tokens_out', { default: 0 }),
  float('cost_usd', { default: 0 }),
];

/** The whole course domain. Every collection has a UUID key; `apply-schema.ts` makes a database match this list. */
export const schema = [
  collection(
    'courses',
    {
      icon: 'school',
      display_template: '{{title}}',
      archive_field: 'status',
      archive_value: 'archived',
      unarchive_value: 'draft',
    },
    [
      choice('status', COURSE_STATUSES, { required: true, default: 'draft', indexed: true }),
      string('title', { required: true }),
      string('slug', { required: true, unique: true, note: 'URL name, unique' }),
      text('summary'),
      choice('language', LANGUAGES, { required: true, default: 'es' }),
      string('audience'),
      choice('level', LEVELS, { required: true, default: 'beginner' }),
      // `course_covers` on directus_files is the way back, for the rule "the public reads the covers of
      // published courses only" (see systemFields and permissions.ts).
      m2o('courses', 'cover', 'directus_files', { oneField: 'course_covers' }),
      choice('cover_source', COVER_SOURCES, { note: 'drawn from the title, made by an image model, or uploaded' }),
      m2o('courses', 'cover_set_by', 'directus_users', { note: 'who last replaced the cover (empty: the generator)' }),
      timestamp('cover_set_at'),
      integer('estimated_minutes', { min: 0 }),
      timestamp('published_at'),
      o2m('modules', 'modules'),
      o2m('lessons', 'lessons'),
      userCreated('courses'),
      dateCreated(),
      userUpdated('courses'),
      dateUpdated(),
    ],
  ),
  collection('modules', { icon: 'view_module', sort_field: 'sort', display_template: '{{title}}' }, [
    m2o('modules', 'course', 'courses', { required: true, oneField: 'modules', sortField: 'sort' }),
    string('title', { required: true }),
    text('summary'),
    integer('sort'),
    o2m('lessons', 'lessons'),
  ]),
  collection('lessons', { icon: 'article', sort_field: 'sort', display_template: '{{title}}' }, [
    m2o('lessons', 'course', 'courses', { required: true, oneField: 'lessons' }),
    m2o('lessons', 'module', 'modules', { required: true, oneField: 'lessons', sortField: 'sort' }),
    string('slug', { required: true, note: 'unique within the course' }),
    string('title', { required: true }),
    text('body', { markdown: true, note: 'Markdown' }),
    json('objectives', { tags: true }),
    integer('sort'),
    integer('estimated_minutes', { min: 1 }),
    o2m('quizzes', 'quizzes'),
    o2m('references', 'lesson_references'),
    dateCreated(),
    userUpdated('lessons'),
    dateUpdated(),
  ]),
  collection('quizzes', { icon: 'quiz', display_template: '{{title}}' }, [
    m2o('quizzes', 'course', 'courses', { required: true }),
    m2o('quizzes', 'lesson', 'lessons', { required: true, unique: true, oneField: 'quizzes' }),
    string('title', { required: true }),
    integer('pass_score', { required: true, default: DEFAULT_QUIZ_POLICY.passScore, min: 0, max: 100 }),
    // The attempt policy (decision 011), checked by @aula/domain's QuizPolicy when the course API reads it.
    validated(
      integer('max_attempts', {
        default: DEFAULT_QUIZ_POLICY.maxAttempts ?? undefined,
        min: 1,
        max: 100,
        note: 'attempts a student has; empty = unlimited',
      }),
      { _or: [{ max_attempts: { _null: true } }, { max_attempts: { _between: [1, 100] } }] },
      'max_attempts must be empty (unlimited) or between 1 and 100',
    ),
    choice('reveal_answers', REVEAL_MOMENTS, {
      required: true,
      default: DEFAULT_QUIZ_POLICY.revealAnswers,
      note: 'when students see the correct options and explanations',
    }),
    choice('score_rule', SCORE_RULES, {
      required: true,
      default: DEFAULT_QUIZ_POLICY.scoreRule,
      note: 'which attempt counts: the best or the last',
    }),
    o2m('questions', 'questions'),
    dateCreated(),
    userUpdated('quizzes'),
    dateUpdated(),
  ]),
  collection('questions', { icon: 'help', sort_field: 'sort', display_template: '{{prompt}}' }, [
    m2o('questions', 'quiz', 'quizzes', { required: true, oneField: 'questions', sortField: 'sort' }),
    integer('sort'),
    text('prompt', { required: true }),
    json('options', { required: true, note: 'exactly four options', shape: shape<string[]>() }),
    integer('correct_option', { required: true, min: 0, max: 3, note: 'answer key: 0-based index into options' }),
    text('explanation', { note: 'answer key: shown after submission' }),
    string('lesson_section', { note: 'heading anchor in the lesson this question relies on' }),
    // Staff only (students' read permission lists its fields): decision 020.
    json('check_flags', {
      note: 'quiz checks the generated question still failed after one regeneration, for review; cleared by an edit',
      shape: shape<QuizCheckFlag[]>(),
    }),
    userUpdated('questions'),
    dateUpdated(),
  ]),
  collection('lesson_references', { icon: 'link', sort_field: 'sort', display_template: '{{title}}' }, [
    m2o('lesson_references', 'lesson', 'lessons', { required: true, oneField: 'references', sortField: 'sort' }),
    string('url', { required: true, max: 2048 }),
    string('title', { required: true }),
    text('snippet'),
    integer('sort'),
    choice('check_status', REFERENCE_CHECK_STATUSES, {
      default: 'unchecked',
      indexed: true,
      note: 'students see only ok references; the workers re-check those of published courses periodically',
    }),
    timestamp('checked_at', { note: 'when a check last changed its verdict (ok or broken)' }),
    string('check_reason', { max: 64, note: 'why the last check failed, e.g. http_error 404, timeout' }),
    timestamp('broken_since', { note: 'since when the reference is broken (hidden from students)' }),
  ]),
  collection('enrollments', { icon: 'how_to_reg' }, [
    m2o('enrollments', 'course', 'courses', { required: true }),
    owner('enrollments'),
    choice('status', ENROLLMENT_STATUSES, { required: true, default: 'active' }),
    m2o('enrollments', 'last_lesson', 'lessons'),
    timestamp('completed_at'),
    dateCreated(),
  ]),
  collection('lesson_progress', { icon: 'done_all' }, [
    owner('lesson_progress'),
    m2o('lesson_progress', 'course', 'courses', { required: true }),
    m2o('lesson_progress', 'lesson', 'lessons', { required: true }),
    timestamp('completed_at'),
    dateCreated(),
  ]),
  collection('quiz_attempts', { icon: 'grading' }, [
    owner('quiz_attempts'),
    m2o('quiz_attempts', 'quiz', 'quizzes', { required: true }),
    json('answers', { required: true, shape: shape<number[]>() }),
    json('results', {
      note: 'graded results with the answer key, as at submission (students cannot read this field: the course API shows the key as the quiz policy allows)',
      shape: shape<QuestionResult[]>(),
    }),
    integer('score', { required: true, min: 0, max: 100 }),
    boolean('passed', { required: true }),
    dateCreated(),
  ]),
  collection('tutor_conversations', { icon: 'forum' }, [
    owner('tutor_conversations'),
    m2o('tutor_conversations', 'course', 'courses', { required: true }),
    m2o('tutor_conversations', 'lesson', 'lessons', { required: true }),
    string('title'),
    o2m('messages', 'tutor_messages'),
    dateCreated(),
    dateUpdated(),
  ]),
  collection('tutor_messages', { icon: 'chat', sort_field: 'date_created' }, [
    m2o('tutor_messages', 'conversation', 'tutor_conversations', { required: true, oneField: 'messages' }),
    choice('role', MESSAGE_ROLES, { required: true }),
    text('content', { required: true }),
    choice('status', TUTOR_MESSAGE_STATUSES, { required: true, default: 'complete' }),
    text('error', { note: 'why the answer stopped short (provider error), for quality review' }),
    ...usage(),
    integer('latency_ms'),
    integer('ttft_ms', { note: 'time to the first token, ms' }),
    dateCreated(),
  ]),
  // Bookkeeping rows change many times a run: no activity or revision trail for them.
  collection('generation_runs', { icon: 'auto_awesome', accountability: null }, [
    m2o('generation_runs', 'course', 'courses', { onDelete: 'CASCADE' }),
    choice('status', RUN_STATUSES, { required: true, default: 'queued', indexed: true }),
    json('request', { required: true, shape: shape<{ kind: RunRequest['kind'] } & Record<string, unknown>>() }),
    ...usage(),
    float('cost_cap_usd'),
    text('error'),
    integer('progress_done', { default: 0 }),
    integer('progress_total', { default: 0 }),
    m2o('generation_runs', 'requested_by', 'directus_users'),
    json('result', {
      note: 'a regeneration: the item before and after (RegenerationResult), until decided',
      shape: shape<RegenerationResult>(),
    }),
    json('history', {
      note: 'the attempts before a retry: how each ended and why (RunAttempt[]), oldest first',
      shape: shape<RunAttempt[]>(),
    }),
    choice('decision', RUN_DECISIONS),
    m2o('generation_runs', 'decided_by', 'directus_users'),
    timestamp('decided_at'),
    o2m('steps', 'generation_steps'),
    dateCreated(),
    dateUpdated(),
    timestamp('finished_at'),
  ]),
  collection('generation_steps', { icon: 'checklist', accountability: null }, [
    m2o('generation_steps', 'run', 'generation_runs', { required: true, oneField: 'steps' }),
    choice('kind', STEP_KINDS, { required: true }),
    string('target', { note: 'what the step produces, e.g. a lesson id' }),
    choice('status', STEP_STATUSES, { required: true, default: 'queued' }),
    ...usage(),
    text('error'),
    json('detail', { note: 'what the step reports, e.g. references checked and dropped' }),
    string('prompt_version', { note: 'the prompt the step sent, e.g. outline@2' }),
    integer('attempts', { default: 0 }),
    timestamp('started_at'),
    timestamp('finished_at'),
    dateCreated(),
  ]),
  collection('topic_proposals', { icon: 'lightbulb', display_template: '{{title}}' }, [
    string('title', { required: true }),
    string('audience'),
    choice('language', LANGUAGES, { default: 'es' }),
    text('rationale', { note: 'why now' }),
    json('source_links', { shape: shape<string[]>() }),
    float('score'),
    choice('status', PROPOSAL_STATUSES, { required: true, default: 'new' }),
    string('fingerprint', { unique: true, note: 'normalised title, for de-duplication' }),
    m2o('topic_proposals', 'course', 'courses'),
    dateCreated(),
    userUpdated('topic_proposals'),
    dateUpdated(),
  ]),
];

/**
 * Fields Aula adds to Directus's own collections: the alias on files that lists the courses using a
 * file as their cover (the other side of `courses.cover`).
 */
export const systemFields = [{ collection: 'directus_files', field: o2m('course_covers', 'courses') }];

/** Constraints Directus's field API cannot express, applied with plain SQL (idempotent). */
export const indexes: string[] = [
  'CREATE UNIQUE INDEX IF NOT EXISTS lessons_course_slug_unique ON lessons (course, slug)',
  'CREATE UNIQUE INDEX IF NOT EXISTS enrollments_user_course_unique ON enrollments ("user", course)',
  'CREATE UNIQUE INDEX IF NOT EXISTS lesson_progress_user_lesson_unique ON lesson_progress ("user", lesson)',
  'CREATE INDEX IF NOT EXISTS quiz_attempts_user_quiz ON quiz_attempts ("user", quiz)',
  'CREATE INDEX IF NOT EXISTS tutor_conversations_user_lesson ON tutor_conversations ("user", lesson)',
  'CREATE INDEX IF NOT EXISTS tutor_messages_conversation ON tutor_messages (conversation, date_created)',
  'CREATE UNIQUE INDEX IF NOT EXISTS generation_steps_run_kind_target_unique ON generation_steps (run, kind, target) NULLS NOT DISTINCT',
];
