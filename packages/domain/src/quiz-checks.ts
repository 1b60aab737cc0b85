import { z } from 'zod';
import { markdownHeadingAnchors } from './anchors.ts';
import { contentStems, foldText, nearDuplicate } from './text-similarity.ts';

/**
 * The checks a generated quiz passes before it reaches review (decision 020). Deterministic: the
 * same quiz and lesson give the same flags. The workers regenerate a failing question once and keep
 * what still fails as flags on the question (`questions.check_flags`), shown in the studio's review.
 */
export const QUIZ_CHECKS = [
  /** The key points at an option, and no other option says the same or "all/none of the above". */
  'one-correct',
  /** Two options of the question say the same. */
  'duplicate-option',
  /** The question asks what an earlier question of the quiz asks. */
  'duplicate-question',
  /** The question's section anchor is not a heading of the lesson. */
  'section-missing',
  /** Too little of the explanation is found in the lesson's text. */
  'grounding',
  /** A model read the wording as ambiguous (optional check). */
  'ambiguous',
] as const;
export const QuizCheck = z.enum(QUIZ_CHECKS);
export type QuizCheck = z.infer<typeof QuizCheck>;

/** One failed check of one question, with what a reviewer needs to see why. */
export const QuizCheckFlag = z
  .object({
    check: QuizCheck,
    /** grounding: the share of the explanation's content words found in the lesson (0–1). */
    score: z.number().min(0).max(1).optional(),
    /** duplicate-question: the earlier question (1-based); duplicate-option / one-correct: the options (1-based). */
    items: z.array(z.number().int().min(1)).max(8).optional(),
    /** ambiguous: the model's reason, plain text. */
    note: z.string().max(500).optional(),
  })
  .strict();
export type QuizCheckFlag = z.infer<typeof QuizCheckFlag>;

export type QuestionToCheck = {
  prompt: string;
  options: string[];
  correctOption: number;
  explanation?: string | null;
  lessonSection?: string | null;
};

/** Below this share of the explanation's content words found in the lesson, the explanation is flagged. */
export const GROUNDING_THRESHOLD = 0.5;

// Options that make more than one answer right, or none.
const CATCH_ALL =
  /^(todas las anteriores|ninguna de las anteriores|todas son correctas|ambas son correctas|all of the above|none of the above|both of the above|all are correct)$/;

/**
 * The share of an explanation's content words (stemmed) that the lesson's text contains; 1 when it
 * has none. `lesson` is its text, or its stems already gathered (a quiz's questions share them).
 */
export function groundingScore(explanation: string, lesson: string | ReadonlySet<string>): number {
  const claimed = contentStems(explanation);
  if (claimed.length === 0) return 1;
  const taught = typeof lesson === 'string' ? new Set(contentStems(lesson)) : lesson;
  return claimed.filter((s) => taught.has(s)).length / claimed.length;
}

/** The flags of one question, given the questions before it and the lesson. */
export function checkQuestion(
  question: QuestionToCheck,
  context: { earlier: QuestionToCheck[]; lessonBody: string; anchors?: string[]; taught?: ReadonlySet<string> },
): QuizCheckFlag[] {
  const flags: QuizCheckFlag[] = [];
  const { options, correctOption } = question;
  const twins = (i: number) => options.flatMap((o, j) => (j !== i && nearDuplicate(o, options[i] ?? '') ? [j] : []));

  const correctTwins = twins(correctOption);
  const catchAll = options.findIndex((o) => CATCH_ALL.test(foldText(o)));
  if (correctOption < 0 || correctOption >= options.length) flags.push({ check: 'one-correct' });
  else if (correctTwins.length > 0)
    flags.push({ check: 'one-correct', items: [correctOption + 1, correctTwins[0]! + 1] });
  else if (catchAll >= 0) flags.push({ check: 'one-correct', items: [catchAll + 1] });

  const wrongTwin = options.findIndex((_, i) => i !== correctOption && twins(i).some((j) => j !== correctOption));
  if (wrongTwin >= 0) {
    const other = twins(wrongTwin).find((j) => j !== correctOption) ?? wrongTwin;
    flags.push({ check: 'duplicate-option', items: [wrongTwin + 1, other + 1].sort((a, b) => a - b) });
  }

  const same = context.earlier.findIndex((q) => nearDuplicate(q.prompt, question.prompt));
  if (same >= 0) flags.push({ check: 'duplicate-question', items: [same + 1] });

  const anchors = context.anchors ?? markdownHeadingAnchors(context.lessonBody);
  if (!question.lessonSection || !anchors.includes(question.lessonSection)) flags.push({ check: 'section-missing' });

  const score = groundingScore(question.explanation ?? '', context.taught ?? context.lessonBody);
  if (!question.explanation || score < GROUNDING_THRESHOLD) {
    flags.push({ check: 'grounding', score: Math.round(score * 100) / 100 });
  }
  return flags;
}

export type QuizCheckReport = {
  /** The flags of each question, in the quiz's order (empty when it passed). */
  questions: QuizCheckFlag[][];
  /** Every question has its correct option in the same place (the workers spread them, spreadCorrectOptions). */
  samePosition: boolean;
  passed: boolean;
};

/** Every check of a quiz against its lesson's Markdown. */
export function checkQuiz(questions: QuestionToCheck[], lessonBody: string): QuizCheckReport {
  const anchors = markdownHeadingAnchors(lessonBody);
  const taught = new Set(contentStems(lessonBody));
  const flags = questions.map((q, i) =>
    checkQuestion(q, { earlier: questions.slice(0, i), lessonBody, anchors, taught }),
  );
  const samePosition = questions.length > 1 && new Set(questions.map((q) => q.correctOption)).size === 1;
  return { questions: flags, samePosition, passed: !samePosition && flags.every((f) => f.length === 0) };
}

/**
 * The quiz with its correct options moved so their positions differ (question i's key goes to
 * position i mod n, swapped with the option there): the fix for a quiz whose keys all sit in one
 * place. No model call, and the options' wording is untouched.
 */
export function spreadCorrectOptions<Q extends QuestionToCheck>(questions: Q[]): Q[] {
  return questions.map((q, i) => {
    const target = i % q.options.length;
    if (target === q.correctOption) return q;
    const options = [...q.options];
    [options[target], options[q.correctOption]] = [options[q.correctOption] ?? '', options[target] ?? ''];
    return { ...q, options, correctOption: target };
  });
}
