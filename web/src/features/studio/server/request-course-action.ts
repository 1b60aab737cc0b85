'use server';
import type { GenerateCourseRequest } from '@aula/domain';
import { revalidatePath } from 'next/cache';
import { DirectusError } from '../../../shared/directus.ts';
import { goTo } from '../../../shared/edge/redirect.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { asStudent, SIGNED_OUT } from '../../../shared/session/session-store.ts';
import {
  formValues,
  isRequestField,
  type RequestField,
  type RequestFormState,
  requestBody,
} from '../course-request-form.ts';
import { generationOptions } from './generation-options.ts';
import { isStaff } from './staff.ts';
import { requestCourse } from './studio-api.ts';

const FORBIDDEN = Symbol('forbidden');

/**
 * "Request a course": checks the caller is staff, then posts the form to the course API with their
 * token. The API validates; each field it names is marked beside the field, in the visitor's language.
 * On success, straight to the run's progress.
 */
export async function requestCourseAction(previous: RequestFormState, form: FormData): Promise<RequestFormState> {
  const { t } = await getDictionary();
  const attempt = (previous.attempt ?? 0) + 1;
  const values = formValues(form);
  let accepted: { runId: string } | typeof SIGNED_OUT | typeof FORBIDDEN;
  try {
    accepted = await asStudent(async (token) => {
      if (!(await isStaff(token))) return FORBIDDEN;
      // The body is the form as typed: the course API is the one judge of what is valid.
      const defaultProvider = generationOptions().fallback.provider;
      return requestCourse({
        token,
        request: requestBody(values, { defaultProvider }) as unknown as GenerateCourseRequest,
      });
    });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    if (error.code === 'forbidden') return { message: t.studio.request.forbidden, values, attempt };
    if (error.code !== 'invalid') return { message: t.studio.request.unavailable, values, attempt };
    const problems: Partial<Record<RequestField, string>> = {};
    const other: string[] = [];
    for (const { field, message } of error.details) {
      const name = field.split('.')[0] ?? '';
      if (isRequestField(name)) problems[name] ??= t.studio.request.problems[name];
      else other.push(message);
    }
    return { message: [t.studio.request.invalid, ...other].join(' '), problems, values, attempt };
  }
  if (accepted === SIGNED_OUT || accepted === FORBIDDEN) {
    return { message: t.studio.request.forbidden, values, attempt };
  }
  revalidatePath('/studio');
  goTo(`/studio/runs/${accepted.runId}`);
}
