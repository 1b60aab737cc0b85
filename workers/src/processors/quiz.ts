import { items } from '@aula/directus-client';
import { markdownHeadingAnchors, QuizOutput } from '@aula/domain';
import { UnrecoverableError } from 'bullmq';
import { generate } from '../call-llm.ts';
import type { WorkerCtx } from '../context.ts';
import { quizMessages } from '../prompts/quiz.ts';
import { type StepJob, withStep } from '../steps.ts';
import { loadLessonBrief } from './lesson-brief.ts';

/**
 * The quiz of one lesson: upserted by lesson (one quiz per lesson), its questions replaced as a whole,
 * so a retry never leaves duplicates. Each question's section anchor must exist in the lesson.
 */
export async function quiz(ctx: WorkerCtx, job: StepJob, data: { runId: string; lessonId: string }) {
  await withStep(ctx, job, { runId: data.runId, kind: 'quiz', target: data.lessonId }, async (run) => {
    const { lesson, brief } = await loadLessonBrief(ctx, data.lessonId);
    if (!lesson.body) throw new UnrecoverableError('the lesson has no text yet');
    const sections = markdownHeadingAnchors(lesson.body);
    const instruction = run.request.kind === 'quiz' ? (run.request.instruction as string) : undefined;
    const result = await generate(ctx, run, {
      schema: QuizOutput,
      schemaName: 'lesson_quiz',
      messages: quizMessages({
        language: brief.language,
        lessonTitle: lesson.title,
        lessonBody: lesson.body,
        sections,
        instruction,
      }),
      maxOutputTokens: 3_000,
    });

    const quizzes = items(ctx.api, 'quizzes');
    const [existing] = await quizzes.list({ filter: { lesson: { _eq: data.lessonId } }, fields: ['id'] });
    const quizId =
      (existing?.id as string | undefined) ??
      (await quizzes.create({ course: lesson.course.id, lesson: data.lessonId, title: lesson.title, pass_score: 70 }))
        .id;
    const questions = items(ctx.api, 'questions');
    await questions.removeWhere({ quiz: { _eq: quizId } });
    await questions.createMany(
      result.object.questions.map((q, i) => ({
        quiz: quizId,
        sort: i + 1,
        prompt: q.prompt,
        options: q.options,
        correct_option: q.correctOption,
        explanation: q.explanation,
        lesson_section: sections.includes(q.lessonSection) ? q.lessonSection : null,
      })),
    );
    return { calls: [result], detail: { questions: result.object.questions.length } };
  });
}
