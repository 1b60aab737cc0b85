'use client';

/** A call to the panel's own API (`/api/admin/…`); a refusal is thrown with the server's plain sentence. */
export async function adminFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(`/api/admin/${path}`, {
    method: init.method ?? 'GET',
    cache: 'no-store',
    ...(init.body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(init.body) }),
  });
  const json = (await res.json().catch(() => null)) as { errors?: { message: string }[] } | null;
  if (!res.ok) throw new Error(json?.errors?.[0]?.message ?? `HTTP ${res.status}`);
  return json as T;
}

/** The message of what `adminFetch` threw. */
export const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
