/** `@aula/data`: the one typed data layer over Directus (client, row types, query functions). */
export {
  type Api,
  type ApiOptions,
  createApi,
  DirectusError,
  login,
  REQUEST_TIMEOUT_MS,
  type RequestOptions,
  rateLimitDelayMs,
  type Transport,
} from './api.ts';
export { items, type Query, qs } from './items.ts';
export {
  QUESTION_FIELDS,
  type QuestionFields,
  questionDraftOf,
  questionRowsOf,
  quizPolicyOf,
} from './mappings/index.ts';
export {
  createCourse,
  createLesson,
  createModule,
  findCourseBySlug,
  publishCourse,
  removeCourse,
} from './queries/courses.ts';
export { getRunSummary, type RunSummary } from './queries/generation-runs.ts';
export {
  addLessonReferences,
  listPublishedCourseReferences,
  type PublishedReference,
  type ReferenceFields,
  recordReferenceCheck,
  replaceLessonReferences,
} from './queries/lesson-references.ts';
export { getLessonInCourse, type LessonInCourse } from './queries/lessons.ts';
export { addQuizQuestions, listQuizQuestionDrafts } from './queries/questions.ts';
export { createQuiz } from './queries/quizzes.ts';
export { createUser, findUserIdByEmail, type UserFields, updateUser } from './queries/users.ts';
export type { CollectionName, Expanded, FieldName, Relations, Row, Rows, Write } from './schema/rows.ts';
