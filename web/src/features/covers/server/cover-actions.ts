'use server';
import {
  COVER_MAX_BYTES,
  CoverImageError,
  checkCoverImage,
  storeCourseCover,
  storeDrawnCover,
} from '@aula/data/covers';
import { isUuid } from '@aula/domain';
import { z } from 'zod';
import { DirectusError, directusApiAs, directusGet } from '../../../shared/directus.ts';
import { asStudent, SIGNED_OUT } from '../../../shared/session/session-store.ts';
import { isStaff } from '../../studio/server/staff.ts';
import { getStudioCover, type StudioCover } from './studio-cover.ts';

/** Why a change of cover was refused: the studio says it in the reader's language (dictionary `studio.cover.problems`). */
export type CoverProblem = CoverImageError['reason'] | 'missing' | 'forbidden' | 'unavailable';
export type CoverState =
  | { ok: true; cover: StudioCover; attempt: number }
  | { ok: false; problem: CoverProblem; attempt: number }
  | { attempt: 0 };

const FORBIDDEN = Symbol('forbidden');

/** Who the staff member is, for `cover_set_by`. */
const myId = (token: string) => directusGet('/users/me', { fields: 'id' }, z.object({ id: z.string() }), { token });

/**
 * Replaces a course's cover, for content managers and administrators only (their token, their role
 * read from Directus): an upload (`file`: PNG, JPEG or WebP, at most 2 MB, its type read from its bytes
 * and decoded before anything is stored) or, with `drawn`, back to the cover drawn from the title.
 * Saved with who and when; the file it replaces is removed.
 */
export async function changeCoverAction(previous: CoverState, form: FormData): Promise<CoverState> {
  const attempt = previous.attempt + 1;
  const courseId = String(form.get('courseId') ?? '');
  const drawn = form.get('mode') === 'drawn';
  const file = form.get('file');
  const refuse = (problem: CoverProblem): CoverState => ({ ok: false, problem, attempt });
  if (!isUuid(courseId)) return refuse('missing');
  if (!drawn && (!(file instanceof File) || file.size === 0)) return refuse('missing');
  if (!drawn && (file as File).size > COVER_MAX_BYTES) return refuse('too_large');
  try {
    const result = await asStudent(async (token) => {
      if (!(await isStaff(token))) return FORBIDDEN;
      const course = await getStudioCover({ token, courseId });
      if (!course) return FORBIDDEN;
      const api = directusApiAs(token);
      const by = (await myId(token)).id;
      if (drawn) {
        await storeDrawnCover(api, {
          courseId,
          title: course.title,
          subject: course.audience,
          by,
          removePrevious: true,
        });
      } else {
        const bytes = new Uint8Array(await (file as File).arrayBuffer());
        const { type } = await checkCoverImage(bytes);
        await storeCourseCover(api, { courseId, bytes, type, source: 'uploaded', by, removePrevious: true });
      }
      return getStudioCover({ token, courseId });
    });
    if (result === SIGNED_OUT || result === FORBIDDEN || result === null) return refuse('forbidden');
    return { ok: true, cover: result, attempt };
  } catch (error) {
    if (error instanceof CoverImageError) return refuse(error.reason);
    if (error instanceof DirectusError) return refuse(error.code === 'forbidden' ? 'forbidden' : 'unavailable');
    throw error;
  }
}
