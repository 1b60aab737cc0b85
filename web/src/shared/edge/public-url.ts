import { env } from '../../env.ts';
import { siteOrigin } from './site-origin.ts';

type HeaderReader = { get(name: string): string | null };

/**
 * The site's address for what outlives the request (canonical links, Open Graph, JSON-LD, the
 * sitemap): AULA_PUBLIC_URL, the configured public address, never the Host a request names (a
 * crafted Host would otherwise be written into pages and the sitemap). Only a local set-up
 * (AULA_ENV=local) without it falls back to the origin web/server.ts resolved for the request; in
 * production without it there is none, and the pages leave those links out.
 */
export function publicUrl(headers: HeaderReader): string | null {
  if (env.AULA_PUBLIC_URL) return env.AULA_PUBLIC_URL;
  return env.AULA_ENV === 'local' ? siteOrigin(headers) : null;
}

/** `path` (starting with /) on the public address, or null without one. */
export function absoluteUrl(headers: HeaderReader, path: string): string | null {
  const base = publicUrl(headers);
  return base ? `${base}${path}` : null;
}
