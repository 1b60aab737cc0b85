import type { Api } from '../api.ts';
import { items } from '../items.ts';
import type { Row } from '../schema/rows.ts';

export type ReferenceFields = Pick<Row<'lesson_references'>, 'url' | 'title' | 'snippet'> &
  Partial<Pick<Row<'lesson_references'>, 'check_status' | 'checked_at'>>;

/** Adds references to a lesson that has none yet, in the order given. */
export async function addLessonReferences(api: Api, lessonId: string, references: ReferenceFields[]): Promise<void> {
  if (references.length === 0) return;
  await items(api, 'lesson_references').createMany(references.map((r, i) => ({ lesson: lessonId, sort: i + 1, ...r })));
}

/** Replaces a lesson's references as a whole, in the order given. */
export async function replaceLessonReferences(
  api: Api,
  lessonId: string,
  references: ReferenceFields[],
): Promise<void> {
  await items(api, 'lesson_references').removeWhere({ lesson: { _eq: lessonId } });
  await addLessonReferences(api, lessonId, references);
}
