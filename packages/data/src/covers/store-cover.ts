import type { CoverSource } from '@aula/domain';
import type { Api } from '../api.ts';
import { items } from '../items.ts';
import { type CoverType, renderCoverPng } from './render-cover.ts';

const EXTENSIONS: Record<CoverType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp' };

export type StoreCoverInput = {
  courseId: string;
  bytes: Uint8Array;
  type: CoverType;
  source: CoverSource;
  /** The person who replaced it (a studio upload or "back to the drawn cover"); none for the generator. */
  by?: string | null;
  /** Removes the file of the cover it replaces (the studio may; the generator keeps files). */
  removePrevious?: boolean;
};

/**
 * Stores an image as a Directus file and makes it the course's cover, with where it came from, who set
 * it and when. Answers the new file's key.
 */
export async function storeCourseCover(api: Api, input: StoreCoverInput): Promise<string> {
  const courses = items(api, 'courses');
  const course = await courses.get(input.courseId, { fields: ['id', 'slug', 'title', 'cover'] });
  const form = new FormData();
  form.set('title', `Cover: ${course.title}`.slice(0, 255));
  form.set(
    'file',
    new Blob([new Uint8Array(input.bytes)], { type: input.type }),
    `${course.slug}.${EXTENSIONS[input.type]}`,
  );
  const file = await api.request<{ id: string }>('POST', '/files', form);
  await courses.update(input.courseId, {
    cover: file.id,
    cover_source: input.source,
    cover_set_by: input.by ?? null,
    cover_set_at: new Date().toISOString(),
  });
  if (input.removePrevious && course.cover && course.cover !== file.id) {
    await api.request('DELETE', `/files/${course.cover}`);
  }
  return file.id;
}

/** Draws the course's cover from its title and subject and stores it (see draw-cover.ts). */
export async function storeDrawnCover(
  api: Api,
  input: { courseId: string; title: string; subject?: string | null; by?: string | null; removePrevious?: boolean },
): Promise<string> {
  const bytes = await renderCoverPng({ title: input.title, subject: input.subject ?? null });
  return storeCourseCover(api, { ...input, bytes, type: 'image/png', source: 'drawn' });
}
