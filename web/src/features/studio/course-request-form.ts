/**
 * The course request form's fields, and how its values become the body of `POST /aula/courses/generate`.
 * This only turns text into numbers and leaves out what was left empty; the action then parses the
 * body with `GenerateCourseRequest` of `@aula/domain`, the schema the course API checks it with again.
 */
export const REQUEST_FIELDS = [
  'topic',
  'syllabus',
  'audience',
  'language',
  'lessonCount',
  'level',
  'costCapUsd',
  'provider',
  'model',
] as const;
export type RequestField = (typeof REQUEST_FIELDS)[number];

const NUMBERS: ReadonlySet<RequestField> = new Set(['lessonCount', 'costCapUsd']);

export type RequestFormState = {
  /** Field → the problem to show beside it. */
  problems?: Partial<Record<RequestField, string>>;
  /** A problem with the whole request (not allowed, the service down). */
  message?: string;
  values?: Partial<Record<RequestField, string>>;
  attempt?: number;
};

export function formValues(form: FormData): Partial<Record<RequestField, string>> {
  const values: Partial<Record<RequestField, string>> = {};
  for (const field of REQUEST_FIELDS) {
    const value = form.get(field);
    if (typeof value === 'string' && value.trim() !== '') values[field] = value.trim();
  }
  return values;
}

/**
 * The request body: numbers as numbers (a value that is not one is sent as typed, for the API to
 * refuse). A model typed with the default provider left selected is that provider's model: the
 * provider is named so the workers do not try it on another one.
 */
export function requestBody(
  values: Partial<Record<RequestField, string>>,
  { defaultProvider }: { defaultProvider?: string } = {},
): Record<string, string | number> {
  const body: Record<string, string | number> = {};
  for (const [field, value] of Object.entries(values) as [RequestField, string][]) {
    const number = NUMBERS.has(field) ? Number(value.replace(',', '.')) : Number.NaN;
    body[field] = Number.isFinite(number) ? number : value;
  }
  if (body.model !== undefined && body.provider === undefined && defaultProvider) body.provider = defaultProvider;
  return body;
}

export function isRequestField(value: string): value is RequestField {
  return (REQUEST_FIELDS as readonly string[]).includes(value);
}

/**
 * A stored course request as the form's values ("Edit the request" of a failed run): each field the
 * run asked for, as text. Anything else (a regeneration, a scan) fills nothing.
 */
export function requestValuesOf(request: unknown): Partial<Record<RequestField, string>> | undefined {
  if (!request || typeof request !== 'object' || (request as { kind?: unknown }).kind !== 'course') return undefined;
  const values: Partial<Record<RequestField, string>> = {};
  for (const field of REQUEST_FIELDS) {
    const value = (request as Record<string, unknown>)[field];
    if (typeof value === 'string' || typeof value === 'number') values[field] = String(value);
  }
  return values;
}
