import { ROLE_NAMES, type RoleKey } from '@aula/domain';

export type Action = 'create' | 'read' | 'update' | 'delete';
export type Permission = {
  collection: string;
  action: Action;
  fields: string[];
  permissions?: Record<string, unknown> | null;
  validation?: Record<string, unknown> | null;
  presets?: Record<string, unknown> | null;
};
export type PolicyDef = {
  name: string;
  description: string;
  app_access: boolean;
  admin_access: boolean;
  /** The role this policy belongs to; `null` is the public (anonymous) policy. */
  role: RoleKey | null;
  permissions: Permission[];
};

const published = { status: { _eq: 'published' } };
const inPublishedCourse = { course: published };
const own = { user: { _eq: '$CURRENT_USER' } };
const all = ['*'];

const allow = (collection: string, actions: Action[], fields = all, rules: Partial<Permission> = {}): Permission[] =>
  actions.map((action) => ({ collection, action, fields, ...rules }));

/** What anyone may see: the catalogue of published courses and their outline, never a lesson's body. */
const catalogue: Permission[] = [
  ...allow(
    'courses',
    ['read'],
    [
      'id',
      'title',
      'slug',
      'summary',
      'language',
      'audience',
      'level',
      'cover',
      'estimated_minutes',
      'published_at',
      'modules',
      'lessons',
    ],
    { permissions: published },
  ),
  ...allow('modules', ['read'], ['id', 'course', 'title', 'summary', 'sort', 'lessons'], {
    permissions: inPublishedCourse,
  }),
  ...allow(
    'lessons',
    ['read'],
    ['id', 'course', 'module', 'slug', 'title', 'objectives', 'sort', 'estimated_minutes'],
    {
      permissions: inPublishedCourse,
    },
  ),
];

/**
 * A cover's file, for anyone: only a file that is the cover of a published course (through the way
 * back from `courses.cover`), and only what serving it needs. Directus's /assets checks this rule.
 */
const publishedCovers: Permission[] = allow(
  'directus_files',
  ['read'],
  ['id', 'type', 'width', 'height', 'filesize', 'modified_on', 'filename_download'],
  { permissions: { course_covers: published } },
);

const courseContent = ['courses', 'modules', 'lessons', 'quizzes', 'questions', 'lesson_references'];

/**
 * Least privilege per role. Students never read a question's `correct_option` or `explanation`
 * (the quiz API grades on the server), and see only their own enrollments, progress, attempts and
 * conversations. Enrolling, progress and attempts are written by the course API (which checks that the
 * course is published and grades on the server), never directly: Directus cannot check a related
 * item's status on create.
 */
export const policies: PolicyDef[] = [
  {
    name: '$t:public_label',
    description: 'Anonymous visitors: the published catalogue only.',
    app_access: false,
    admin_access: false,
    role: null,
    permissions: [...catalogue, ...publishedCovers],
  },
  {
    name: 'Student',
    description: 'Published courses; own enrollments, progress, attempts and tutor conversations.',
    app_access: false,
    admin_access: false,
    role: 'student',
    permissions: [
      ...catalogue.filter((p) => p.collection !== 'lessons'),
      ...publishedCovers,
      ...allow(
        'lessons',
        ['read'],
        [
          'id',
          'course',
          'module',
          'slug',
          'title',
          'body',
          'objectives',
          'sort',
          'estimated_minutes',
          'quizzes',
          'references',
          'date_updated',
        ],
        { permissions: inPublishedCourse },
      ),
      ...allow(
        'quizzes',
        ['read'],
        ['id', 'course', 'lesson', 'title', 'pass_score', 'max_attempts', 'reveal_answers', 'score_rule', 'questions'],
        { permissions: inPublishedCourse },
      ),
      ...allow('questions', ['read'], ['id', 'quiz', 'sort', 'prompt', 'options', 'lesson_section'], {
        permissions: { quiz: inPublishedCourse },
      }),
      // Only references checked and working (the workers re-check them, see recheck-references.ts):
      // never an unchecked or broken one, nor why or when it broke.
      ...allow('lesson_references', ['read'], ['id', 'lesson', 'url', 'title', 'snippet', 'sort'], {
        permissions: { _and: [{ lesson: inPublishedCourse }, { check_status: { _eq: 'ok' } }] },
      }),
      ...allow('enrollments', ['read'], all, { permissions: own }),
      // `last_lesson` too is written by the course API (POST /aula/lessons/:id/open): it checks the
      // lesson belongs to the course of that enrolment. Directus cannot check that on update.
      ...allow('lesson_progress', ['read'], all, { permissions: own }),
      // Not `results`: it holds the answer key, which the course API shows only as the quiz's policy allows.
      ...allow('quiz_attempts', ['read'], ['id', 'user', 'quiz', 'answers', 'score', 'passed', 'date_created'], {
        permissions: own,
      }),
      // Review items and certificates are written by the course API only (it grades and checks completion).
      ...allow('review_items', ['read'], all, { permissions: own }),
      ...allow(
        'certificates',
        ['read'],
        ['id', 'user', 'course', 'code', 'holder_name', 'course_title', 'issued_at', 'revoked_at'],
        { permissions: own },
      ),
      // Conversations and messages are written by the course API (/aula/tutor), which checks the lesson
      // is published and the student enrolled, and takes the tutor's answers from the web server only.
      ...allow('tutor_conversations', ['read'], all, { permissions: own }),
      // Not `error` (the provider's own words: hosts, models, quotas), nor who answered at what cost.
      ...allow('tutor_messages', ['read'], ['id', 'conversation', 'role', 'content', 'status', 'date_created'], {
        permissions: { conversation: own },
      }),
      ...allow('directus_users', ['read'], ['id', 'first_name', 'last_name', 'email', 'language', 'avatar'], {
        permissions: { id: { _eq: '$CURRENT_USER' } },
      }),
      ...allow('directus_users', ['update'], ['first_name', 'last_name', 'language', 'password'], {
        permissions: { id: { _eq: '$CURRENT_USER' } },
      }),
    ],
  },
  {
    name: 'Content Manager',
    description: 'Writes and reviews courses; reads learners’ results and tutor conversations for quality review.',
    app_access: true,
    admin_access: false,
    role: 'contentManager',
    permissions: [
      ...allow('courses', ['create', 'read', 'update']),
      ...courseContent.filter((c) => c !== 'courses').flatMap((c) => allow(c, ['create', 'read', 'update', 'delete'])),
      ...allow('topic_proposals', ['create', 'read', 'update', 'delete']),
      ...[
        'generation_runs',
        'generation_steps',
        'enrollments',
        'lesson_progress',
        'quiz_attempts',
        'tutor_conversations',
        'tutor_messages',
        'review_items',
        'certificates',
      ].flatMap((c) => allow(c, ['read'])),
      ...allow('directus_users', ['read'], ['id', 'first_name', 'last_name', 'email', 'role']),
      ...allow('directus_files', ['create', 'read', 'update', 'delete']),
    ],
  },
  {
    name: 'Generator',
    description: 'Service account of the generation workers: course content and generation runs, no learner data.',
    app_access: false,
    admin_access: false,
    role: 'generator',
    permissions: [
      ...allow('courses', ['read', 'update']),
      ...courseContent.filter((c) => c !== 'courses').flatMap((c) => allow(c, ['create', 'read', 'update', 'delete'])),
      ...allow('generation_runs', ['read', 'update']),
      ...allow('generation_steps', ['create', 'read', 'update']),
      // The covers it makes at assemble time (the image model's, or the drawn one).
      ...allow('directus_files', ['create', 'read']),
    ],
  },
  {
    name: 'Pipeline',
    description: 'Service account of the n8n workflows: topic proposals and the state of runs.',
    app_access: false,
    admin_access: false,
    role: 'pipeline',
    permissions: [
      ...allow('topic_proposals', ['create', 'read', 'update']),
      ...allow('courses', ['read'], ['id', 'title', 'slug', 'status', 'language']),
      ...allow(
        'generation_runs',
        ['read'],
        ['id', 'status', 'course', 'progress_done', 'progress_total', 'error', 'date_created', 'finished_at'],
      ),
    ],
  },
];

export const roleNames = ROLE_NAMES;
