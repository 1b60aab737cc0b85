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

export type PublishedReference = Pick<
  Row<'lesson_references'>,
  'id' | 'url' | 'check_status' | 'check_reason' | 'broken_since'
>;

/** Every reference of the published courses, for the periodic re-check (the Generator reads them all). */
export async function listPublishedCourseReferences(api: Api): Promise<PublishedReference[]> {
  return (await items(api, 'lesson_references').list({
    filter: { lesson: { course: { status: { _eq: 'published' } } } },
    fields: ['id', 'url', 'check_status', 'check_reason', 'broken_since'],
    sort: ['id'],
  })) as PublishedReference[];
}

/**
 * Records one re-check: a working reference is `ok` again (shown to students), a failing one `broken`
 * with why and since when (its first failure), hidden from students until it works again. Written only
 * when the verdict or its reason changes (`checked_at` is when it last did): a daily pass over every
 * published reference adds no Directus activity or revision for the ones that did not change.
 */
export async function recordReferenceCheck(
  api: Api,
  reference: PublishedReference,
  result: { ok: true } | { ok: false; reason: string },
  now: Date = new Date(),
): Promise<{ status: 'ok' | 'broken'; changed: boolean }> {
  const checked_at = now.toISOString();
  if (result.ok) {
    if (reference.check_status === 'ok') return { status: 'ok', changed: false };
    await items(api, 'lesson_references').update(reference.id, {
      check_status: 'ok',
      checked_at,
      check_reason: null,
      broken_since: null,
    });
    return { status: 'ok', changed: true };
  }
  const reason = result.reason.slice(0, 64);
  if (reference.check_status === 'broken' && reference.check_reason === reason && reference.broken_since)
    return { status: 'broken', changed: false };
  await items(api, 'lesson_references').update(reference.id, {
    check_status: 'broken',
    checked_at,
    check_reason: reason,
    broken_since: reference.check_status === 'broken' && reference.broken_since ? reference.broken_since : checked_at,
  });
  return { status: 'broken', changed: true };
}
