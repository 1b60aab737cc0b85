import {
  checkQuiz,
  type Language,
  type QuestionDraft,
  QuizAmbiguityOutput,
  type QuizCheckFlag,
  QuizFixOutput,
  type QuizQuestionOutput,
  spreadCorrectOptions,
} from '@aula/domain';
import type { CallResult } from '@aula/llm';
import {
  QUIZ_AMBIGUITY_PROMPT_VERSION,
  QUIZ_FIX_PROMPT_VERSION,
  quizAmbiguityMessages,
  quizFixMessages,
} from '@aula/llm/prompts';
import { generate } from './call-llm.ts';
import type { WorkerCtx } from './context.ts';
import type { Run } from './steps.ts';

type Lesson = { title: string; body: string; language: Language; sections: string[] };

/**
 * A generated quiz through the quiz checks (decision 020): the questions that fail are rewritten
 * once, all in one more call (through `generate`: the run's cost cap and the site's budget apply);
 * keys that all sit in one place are spread; what still fails stays on the question as flags for
 * review. A fix call that fails or is refused leaves the first questions and their flags: the quiz
 * is still usable, and a person sees why it needs a look.
 */
export async function checkGeneratedQuiz(ctx: WorkerCtx, run: Run, lesson: Lesson, generated: QuizQuestionOutput[]) {
  let questions = [...generated];
  const calls: CallResult[] = [];
  const first = checkQuiz(questions, lesson.body).questions;
  const ambiguity = ctx.quizAmbiguityCheck ? await askAmbiguity(ctx, run, lesson, questions) : null;
  if (ambiguity) {
    calls.push(ambiguity.call);
    for (const [index, flag] of ambiguity.flags) first[index]?.push(flag);
  }
  const failing = first.flatMap((flags, index) => (flags.length > 0 ? [{ index, flags }] : []));
  let fix: 'none' | 'done' | 'failed' = 'none';
  const rewritten = new Set<number>();
  if (failing.length > 0) {
    try {
      const result = await generate(ctx, run, {
        schema: QuizFixOutput,
        schemaName: 'quiz_fix',
        messages: quizFixMessages({
          language: lesson.language,
          lessonTitle: lesson.title,
          lessonBody: lesson.body,
          sections: lesson.sections,
          questions,
          failing,
        }),
        maxOutputTokens: 300 + 450 * failing.length,
      });
      calls.push(result);
      // In the order asked; a question the model left out keeps its first version (and its flags).
      failing.forEach((f, at) => {
        const next = result.object.questions[at];
        if (!next) return;
        questions[f.index] = next;
        rewritten.add(f.index);
      });
      fix = 'done';
    } catch (error) {
      ctx.log('the quiz checks could not regenerate the failed questions; they stay flagged', {
        run: run.id,
        error: error instanceof Error ? error.message : String(error),
      });
      fix = 'failed';
    }
  }
  if (checkQuiz(questions, lesson.body).samePosition) questions = spreadCorrectOptions(questions);
  const last = checkQuiz(questions, lesson.body);
  // The model's verdict was on the first wording: it stands for a question that was not rewritten.
  for (const [index, flag] of ambiguity?.flags ?? []) if (!rewritten.has(index)) last.questions[index]?.push(flag);
  const drafts: QuestionDraft[] = questions.map((q, i) => {
    const flags = last.questions[i] ?? [];
    return {
      ...q,
      lessonSection: lesson.sections.includes(q.lessonSection) ? q.lessonSection : null,
      ...(flags.length > 0 ? { checkFlags: flags } : {}),
    };
  });
  const detail = {
    failedChecks: failing.length,
    regenerated: rewritten.size,
    flagged: last.questions.filter((f) => f.length > 0).length,
    ...(fix === 'none' ? {} : { fixPromptVersion: QUIZ_FIX_PROMPT_VERSION, fix }),
    ...(ambiguity ? { ambiguityPromptVersion: QUIZ_AMBIGUITY_PROMPT_VERSION, ambiguous: ambiguity.flags.size } : {}),
  };
  return { drafts, calls, detail };
}

/**
 * The optional model check: which questions read as ambiguous, with the model's reason as plain text
 * (no control characters, one line, 300 characters at most). A failed call leaves the deterministic checks.
 */
async function askAmbiguity(ctx: WorkerCtx, run: Run, lesson: Lesson, questions: QuizQuestionOutput[]) {
  try {
    const call = await generate(ctx, run, {
      schema: QuizAmbiguityOutput,
      schemaName: 'quiz_ambiguity',
      messages: quizAmbiguityMessages({
        language: lesson.language,
        lessonTitle: lesson.title,
        lessonBody: lesson.body,
        questions,
      }),
      maxOutputTokens: 150 + 120 * questions.length,
    });
    const flags = new Map<number, QuizCheckFlag>();
    for (const verdict of call.object.questions) {
      if (!verdict.ambiguous || verdict.number > questions.length) continue;
      const note = verdict.reason
        .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 300);
      flags.set(verdict.number - 1, { check: 'ambiguous', ...(note ? { note } : {}) });
    }
    return { call, flags };
  } catch (error) {
    ctx.log('the quiz checks could not ask the model about ambiguous wording', {
      run: run.id,
      error: error instanceof Error ? error.message : String(error),
    });
    return null;
  }
}
