import 'server-only';
import type { CourseEdit, QuestionEdit } from '@aula/domain';
import { z } from 'zod';
import { forgetContent } from '../../../shared/cache/read-cache.ts';
import { directusFetch, parseAnswer } from '../../../shared/directus.ts';
import { questionPatch } from '../content-edit.ts';
import { StudioRunView } from '../studio-run.ts';

// Edits and regenerations from the review page, with the staff member's own token: Directus records
// who changed what (`user_updated`, `date_updated`) and its permissions decide who may.

const id = (value: string) => encodeURIComponent(value);

/** Who last changed an item, and when (Directus fills both on every update). */
export const LastEdit = z
  .object({
    user_updated: z
      .object({ first_name: z.string().nullable(), last_name: z.string().nullable() })
      .nullable()
      .optional(),
    date_updated: z.string().nullable().optional(),
  })
  .transform((item) => ({
    by: [item.user_updated?.first_name, item.user_updated?.last_name].filter(Boolean).join(' ') || null,
    at: item.date_updated ?? null,
  }));
export type LastEdit = z.output<typeof LastEdit>;
export const LAST_EDIT_FIELDS = ['user_updated.first_name', 'user_updated.last_name', 'date_updated'];

const Saved = <T extends z.ZodRawShape>(shape: T) =>
  z.object({ data: z.object(shape).and(LastEdit) }).transform(({ data }) => data);

async function patch<T extends z.ZodType>(what: string, path: string, token: string, body: unknown, schema: T) {
  const json = await directusFetch({
    method: 'PATCH',
    path,
    params: { fields: ['id', ...LAST_EDIT_FIELDS, ...Object.keys(body as object)].join(',') },
    token,
    body,
  });
  // Students read lessons and quizzes through a short cache: an edit must show on their pages at once.
  forgetContent();
  return parseAnswer(what, schema, json);
}

export function updateLesson({ token, lessonId, body }: { token: string; lessonId: string; body: string }) {
  return patch(
    'PATCH /items/lessons/:id',
    `/items/lessons/${id(lessonId)}`,
    token,
    { body },
    Saved({ body: z.string() }),
  );
}

export function updateQuestion({ token, questionId, edit }: { token: string; questionId: string; edit: QuestionEdit }) {
  return patch(
    'PATCH /items/questions/:id',
    `/items/questions/${id(questionId)}`,
    token,
    questionPatch(edit),
    Saved({ prompt: z.string() }),
  );
}

/** A course's title and summary (students see them once it is published; a draft stays hidden). */
export function updateCourse({ token, courseId, edit }: { token: string; courseId: string; edit: CourseEdit }) {
  return patch(
    'PATCH /items/courses/:id',
    `/items/courses/${id(courseId)}`,
    token,
    { title: edit.title, summary: edit.summary === '' ? null : edit.summary },
    Saved({ title: z.string(), summary: z.string().nullable() }),
  );
}

/** What a lesson teaches, one objective a line. */
export function updateObjectives({
  token,
  lessonId,
  objectives,
}: {
  token: string;
  lessonId: string;
  objectives: string[];
}) {
  return patch(
    'PATCH /items/lessons/:id',
    `/items/lessons/${id(lessonId)}`,
    token,
    { objectives },
    Saved({ objectives: z.array(z.string()).nullable() }),
  );
}

const Accepted = z.object({ runId: z.string() });

/** Asks for a new version of a lesson or a quiz; the run keeps it aside until someone decides. */
export async function regenerate({
  token,
  kind,
  targetId,
  instruction,
}: {
  token: string;
  kind: 'lessons' | 'quizzes';
  targetId: string;
  instruction: string;
}) {
  const path = `/aula/${kind}/${id(targetId)}/regenerate`;
  const json = await directusFetch({ method: 'POST', path, token, body: { instruction } });
  return parseAnswer(`POST /aula/${kind}/:id/regenerate`, Accepted, json);
}

/** Accepts (applies) or discards a finished regeneration; answers with the run as it now stands. */
export async function decideRun({
  token,
  runId,
  action,
}: {
  token: string;
  runId: string;
  action: 'accept' | 'discard';
}) {
  const json = await directusFetch({ method: 'POST', path: `/aula/runs/${id(runId)}/${action}`, token, body: {} });
  if (action === 'accept') forgetContent();
  return parseAnswer(`POST /aula/runs/:id/${action}`, StudioRunView, json);
}

/** Runs a failed run again; the answer names the run to watch (the same one, or a new one). */
export async function retryRun({ token, runId }: { token: string; runId: string }): Promise<{ runId: string }> {
  const json = await directusFetch({ method: 'POST', path: `/aula/runs/${id(runId)}/retry`, token, body: {} });
  const answer = parseAnswer('POST /aula/runs/:id/retry', z.union([Accepted, z.object({ id: z.string() })]), json);
  return { runId: 'runId' in answer ? answer.runId : answer.id };
}
