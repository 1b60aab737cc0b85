/**
 * Aula's prompts: one module per prompt, each a `*_PROMPT_VERSION` (bump it when the text changes)
 * and a messages builder. The step that sends a prompt records its version.
 */

export { createLeakGuard } from './leak-guard.ts';
export { LESSON_PROMPT_VERSION, type LessonBrief, lessonMessages, rewriteLessonMessages } from './lesson.ts';
export { cutAtWord, type LessonSection, lessonSections, trimLesson } from './lesson-sections.ts';
export { OUTLINE_PROMPT_VERSION, outlineMessages } from './outline.ts';
export {
  QUIZ_AMBIGUITY_PROMPT_VERSION,
  QUIZ_FIX_PROMPT_VERSION,
  QUIZ_PROMPT_VERSION,
  quizAmbiguityMessages,
  quizFixMessages,
  quizMessages,
} from './quiz.ts';
export { DATA_RULE, dataBlock, LANGUAGE_NAMES } from './shared.ts';
export { TUTOR_PROMPT_VERSION, tutorInstructions, tutorMessages } from './tutor.ts';
export {
  askedAsTurn,
  type ReadAnswer,
  readTutorAnswer,
  type StartedAnswer,
  sentTokens,
  startTutorAnswer,
  type TutorAsk,
  type TutorFailureCode,
  tutorReplyOf,
} from './tutor-answer.ts';
export { assembleContext, boundedHistory, CONTEXT_LIMITS, fence, languageName } from './tutor-context.ts';
