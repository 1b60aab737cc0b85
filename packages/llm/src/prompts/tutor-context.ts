import type { TutorContext, TutorMessage } from '@aula/domain';
import { cutAtWord, lessonSections, trimLesson } from './lesson-sections.ts';

/** Bounds of what goes to the model, in characters (about 4 per token). */
export const CONTEXT_LIMITS = { lesson: 9_000, outlineLessons: 60, quiz: 3_000, message: 2_000, history: 6_000 };

const LANGUAGE_NAMES: Record<string, string> = { es: 'Spanish', en: 'English' };
export const languageName = (code: string) => LANGUAGE_NAMES[code] ?? code;

/** Data between markers the text inside cannot forge: the nonce is new for every request. */
export function fence(label: string, nonce: string, text: string): string {
  return `<<<${label} ${nonce}>>>\n${text.replaceAll(nonce, '')}\n<<<END ${label} ${nonce}>>>`;
}

/**
 * The data block the tutor reads: course, outline with what the student has done, the lesson (trimmed
 * by section), its sections with their anchors, and the quiz as the student stands with it. Every text
 * that comes from a course or a student is fenced as data.
 */
export function assembleContext(context: TutorContext, nonce: string, limits = CONTEXT_LIMITS): string {
  const { course, lesson, quiz } = context;
  const wrongSections = new Set(
    quiz?.submitted
      ? quiz.latest.results.filter((r) => !r.correct && r.lessonSection).map((r) => r.lessonSection as string)
      : [],
  );
  const allLessons = context.outline.flatMap((m) => m.lessons);
  const done = allLessons.filter((l) => l.done).length;
  let listed = 0;
  const outline = context.outline
    .map((module, i) => {
      const lines = module.lessons.map((l) => {
        listed += 1;
        if (listed > limits.outlineLessons) return null;
        const here = l.id === lesson.id ? ' ← the lesson on screen' : '';
        return `   - ${cutAtWord(l.title, 120)}${l.done ? ' (done)' : ''}${here}`;
      });
      return [`${i + 1}. ${cutAtWord(module.title, 120)}`, ...lines.filter(Boolean)].join('\n');
    })
    .join('\n');
  const sections = lessonSections(lesson.body)
    .filter((s) => s.anchor)
    .map((s) => `- ${s.title} → #${s.anchor}`)
    .join('\n');

  const parts = [
    `Course: ${cutAtWord(course.title, 200)} (language: ${languageName(course.language)})`,
    `Where the student is: lesson ${context.position} of ${context.total}; ${done} lesson(s) of the course done.`,
    fence('OUTLINE', nonce, outline),
    fence('LESSON', nonce, `# ${lesson.title}\n\n${trimLesson(lesson.body, limits.lesson, wrongSections)}`),
    lesson.objectives.length > 0
      ? fence('OBJECTIVES', nonce, lesson.objectives.map((o) => `- ${cutAtWord(o, 300)}`).join('\n'))
      : '',
    sections ? `Sections of the lesson and their link anchors:\n${sections}` : '',
    quiz ? quizBlock(quiz, nonce, limits.quiz) : 'This lesson has no quiz.',
  ];
  return parts.filter(Boolean).join('\n\n');
}

function quizBlock(quiz: NonNullable<TutorContext['quiz']>, nonce: string, max: number): string {
  if (!quiz.submitted) {
    const questions = quiz.questions
      .map((q, i) => `${i + 1}. ${q.prompt}\n${q.options.map((o, j) => `   ${'ABCD'[j]}) ${o}`).join('\n')}`)
      .join('\n');
    return [
      `Quiz "${quiz.title}": NOT SUBMITTED YET. You do not know its answers. Do not solve these questions or`,
      'say which option is right; turn them into guiding questions that send the student back to the lesson.',
      fence('QUIZ', nonce, cutAtWord(questions, max)),
    ].join('\n');
  }
  const results = quiz.latest.results
    .map((r, i) => {
      const option = (n: number | null) => (n === null ? 'no answer' : `${'ABCD'[n]}) ${r.options[n] ?? ''}`);
      return [
        `${i + 1}. ${r.prompt} — ${r.correct ? 'RIGHT' : 'WRONG'}`,
        quiz.keyShown
          ? `   chosen: ${option(r.chosen)}; correct: ${option(r.correctOption)}`
          : `   chosen: ${option(r.chosen)}`,
        r.explanation ? `   explanation: ${r.explanation}` : '',
        r.lessonSection ? `   section: #${r.lessonSection}` : '',
      ]
        .filter(Boolean)
        .join('\n');
    })
    .join('\n');
  return [
    `Quiz "${quiz.title}": submitted ${quiz.attempts} time(s); best score ${quiz.bestScore} % (pass: ${quiz.passScore} %); ${quiz.passed ? 'passed' : 'not passed yet'}.`,
    quiz.keyShown
      ? `Latest attempt (${quiz.latest.score} %), which the student has already seen graded, with the answer key:`
      : `Latest attempt (${quiz.latest.score} %). ANSWER KEY NOT REVEALED YET: the student was told which answers were wrong, not which option is right, and you do not know it either. Never say or hint which option is right; guide them back to the section to reread.`,
    fence('QUIZ RESULTS', nonce, cutAtWord(results, max)),
  ].join('\n');
}

/** The conversation so far, newest kept: each message capped, the whole within the history budget. */
export function boundedHistory(history: TutorMessage[], limits = CONTEXT_LIMITS): TutorMessage[] {
  const kept: TutorMessage[] = [];
  let used = 0;
  for (const message of [...history].reverse()) {
    if (!message.content.trim()) continue;
    const content = cutAtWord(message.content, limits.message);
    if (used + content.length > limits.history) break;
    used += content.length;
    kept.unshift({ ...message, content });
  }
  return kept;
}
