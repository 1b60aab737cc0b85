/** What a studio API call answered: the JSON on success, else the problem (its sentence and fields). */
export type Answer<T> = { ok: true; data: T } | { ok: false; message: string; fields: string[]; status?: number };

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
    const error = (json as { errors?: { message?: string; extensions?: { details?: { field: string }[] } }[] } | null)
      ?.errors?.[0];
    return {
      ok: false,
      status: res.status,
      message: error?.message ?? '',
      fields: (error?.extensions?.details ?? []).map((detail) => detail.field),
    };
  } catch {
    return { ok: false, message: '', fields: [] };
  }
}
