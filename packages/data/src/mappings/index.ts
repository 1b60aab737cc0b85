/**
 * Storage ⇄ domain: snake_case rows as Directus stores them to and from the domain's objects. Plain
 * functions with no client, so the course API (inside Directus) runs them too.
 */
export { QUESTION_FIELDS, type QuestionFields, questionDraftOf, questionRowsOf } from './questions.ts';
export { quizPolicyOf } from './quiz-policy.ts';
