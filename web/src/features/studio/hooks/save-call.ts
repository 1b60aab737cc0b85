import type { ErrorCode } from '@aula/domain';
import { problemCode } from '../../../shared/api-problem.ts';

/**
 * What a studio API call answered: the JSON on success, else the problem: its error code (null when
 * nothing answered) and the fields at fault. The API's own message is English written for logs; the
 * page says the problem with `problemSentence(t, answer)`, in the reader's language.
 */
export type Answer<T> =
  | { ok: true; data: T }
  | { ok: false; code: ErrorCode | null; fields: string[]; status?: number };

/** A studio call from the browser: `body` sent as JSON (none: a bare request). */
export async function callStudio<T>(url: string, method: 'POST' | 'PATCH', body?: unknown): Promise<Answer<T>> {
  try {
    const res = await fetch(
      url,
      body === undefined
        ? { method }
        : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    const json = (await res.json().catch(() => null)) as unknown;
    if (res.ok) return { ok: true, data: json as T };
    const error = (json as { errors?: { extensions?: { code?: string; details?: { field: string }[] } }[] } | null)
      ?.errors?.[0];
    return {
      ok: false,
      status: res.status,
      code: problemCode(error?.extensions?.code, res.status),
      fields: (error?.extensions?.details ?? []).map((detail) => detail.field),
    };
  } catch {
    return { ok: false, code: null, fields: [] };
  }
}
