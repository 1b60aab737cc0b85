'use server';
import { Slug } from '@aula/domain';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { forgetStudent } from '../../../shared/cache/read-cache.ts';
import { DirectusError } from '../../../shared/directus.ts';
import { goTo } from '../../../shared/edge/redirect.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { asStudent, redirectToSignIn, SIGNED_OUT } from '../../../shared/session/session-store.ts';
import { enrollInCourse } from './course-api.ts';

export type EnrolState = { message?: string; attempt?: number };

const EnrolInput = z.object({ courseId: z.string().min(1).max(64), slug: Slug, start: Slug.optional() });

/** "Enrol in this course": through the course API, then straight to the first lesson. */
export async function enrolAction(previous: EnrolState, form: FormData): Promise<EnrolState> {
  const { t } = await getDictionary();
  const attempt = (previous.attempt ?? 0) + 1;
  const input = EnrolInput.safeParse({
    courseId: form.get('courseId'),
    slug: form.get('slug'),
    start: form.get('start') || undefined,
  });
  if (!input.success) return { message: t.enrol.failed, attempt };
  const { courseId, slug, start } = input.data;
  try {
    const enrolled = await asStudent((token) =>
      // What this changes must show on the next page at once, not after the read cache expires.
      enrollInCourse({ token, courseId }).finally(() => forgetStudent(token)),
    );
    if (enrolled === SIGNED_OUT) redirectToSignIn(`/cursos/${slug}`);
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return { message: error.code === 'not_found' ? t.enrol.notAvailable : t.enrol.failed, attempt };
  }
  revalidatePath(`/cursos/${slug}`, 'layout');
  goTo(start ? `/cursos/${slug}/lecciones/${start}?inscrito=1` : `/cursos/${slug}`);
}
