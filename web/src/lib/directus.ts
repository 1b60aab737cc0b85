import 'server-only';
import type { z } from 'zod';
import { env } from '../env.ts';

/** The closed set of ways reading Directus can fail, as the pages need to tell them apart. */
export type DirectusErrorCode = 'unavailable' | 'internal';

export class DirectusError extends Error {
  readonly code: DirectusErrorCode;

  constructor(code: DirectusErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DirectusError';
    this.code = code;
  }
}

/** How long Directus may take before the page shows the "unavailable" state instead. */
const TIMEOUT_MS = 8_000;

/**
 * GET a Directus REST path as an anonymous visitor and parse its `data` with `schema`.
 * No token is ever sent: what the public policy lets anyone read (the published catalogue) is all
 * this site shows. Answers are cached for 30 seconds. Failures are logged with their cause and
 * thrown as a `DirectusError`, whose message is for the logs, not for people.
 */
export async function directusGet<T extends z.ZodType>(
  path: string,
  params: Record<string, string>,
  schema: T,
): Promise<z.output<T>> {
  const url = `${env.DIRECTUS_URL}${path}?${new URLSearchParams(params)}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { accept: 'application/json' },
      next: { revalidate: 30 },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    throw logged(
      new DirectusError('unavailable', `Directus did not answer GET ${path} at ${env.DIRECTUS_URL}`, { cause }),
    );
  }
  if (!response.ok) {
    const body = await response.text().catch(() => '');
    const code = response.status >= 500 || response.status === 429 ? 'unavailable' : 'internal';
    throw logged(new DirectusError(code, `Directus answered ${response.status} to GET ${path}: ${body.slice(0, 500)}`));
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (cause) {
    throw logged(
      new DirectusError('internal', `Directus answered GET ${path} with something other than JSON`, { cause }),
    );
  }
  const parsed = schema.safeParse((json as { data?: unknown } | null)?.data);
  if (!parsed.success) {
    throw logged(
      new DirectusError('internal', `Directus answered GET ${path} with an unexpected shape`, { cause: parsed.error }),
    );
  }
  return parsed.data;
}

function logged(error: DirectusError): DirectusError {
  console.error(error);
  return error;
}
