'use server';
import { type ErrorDetail, GenerateCourseRequest } from '@aula/domain';
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
 * "Request a course": checks the caller is staff, parses the form with the course API's own schema
 * (`GenerateCourseRequest`), then posts it with their token. Each field at fault, here or by the
 * API, is marked beside the field in the visitor's language. On success, straight to the run's progress.
 */
export async function requestCourseAction(previous: RequestFormState, form: FormData): Promise<RequestFormState> {
  const { t } = await getDictionary();
  const attempt = (previous.attempt ?? 0) + 1;
  const values = formValues(form);
  const refused = (details: ErrorDetail[]): RequestFormState => {
    const problems: Partial<Record<RequestField, string>> = {};
    const other: string[] = [];
    for (const { field, message } of details) {
      const name = field.split('.')[0] ?? '';
      if (isRequestField(name)) problems[name] ??= t.studio.request.problems[name];
      else other.push(message);
    }
    return { message: [t.studio.request.invalid, ...other].join(' '), problems, values, attempt };
  };
  let accepted: { runId: string } | typeof SIGNED_OUT | typeof FORBIDDEN | RequestFormState;
  try {
    accepted = await asStudent(async (token) => {
      if (!(await isStaff(token))) return FORBIDDEN;
      const defaultProvider = (await generationOptions(token)).fallback.provider;
      const request = GenerateCourseRequest.safeParse(requestBody(values, { defaultProvider }));
      if (!request.success) {
        return refused(request.error.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message })));
      }
      return requestCourse({ token, request: request.data });
    });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    if (error.code === 'forbidden') return { message: t.studio.request.forbidden, values, attempt };
    if (error.code !== 'invalid') return { message: t.studio.request.unavailable, values, attempt };
    return refused(error.details);
  }
  if (accepted === SIGNED_OUT || accepted === FORBIDDEN) {
    return { message: t.studio.request.forbidden, values, attempt };
  }
  if (!('runId' in accepted)) return accepted;
  revalidatePath('/studio');
  goTo(`/studio/runs/${accepted.runId}`);
}
