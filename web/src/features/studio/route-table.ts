import { isUuid } from '@aula/domain';

/**
 * How a studio request finds its operation in the one table of `/api/studio/*`: a pattern such as
 * `runs/:id/cancel` (`:id` stands for one segment, a UUID), and its method. Pure, so the matching is
 * tested without a server; the table and what each entry does are in `server/studio-routes.ts`.
 */
export type Method = 'GET' | 'POST' | 'PATCH';
export type Pattern = { method: Method; path: string };

export type Match<T extends Pattern> =
  | { found: T; id: string }
  | { found: null; allow: Method[] } // the path exists with other methods: 405
  | { found: null; allow: [] }; // no such path (or `:id` not a UUID): 404

function matches(pattern: string, segments: string[]): { id: string } | null {
  const parts = pattern.split('/');
  if (parts.length !== segments.length) return null;
  let id = '';
  for (const [i, part] of parts.entries()) {
    const segment = segments[i] ?? '';
    if (part === ':id') {
      if (!isUuid(segment)) return null;
      id = segment;
    } else if (part !== segment) return null;
  }
  return { id };
}

export function matchOperation<T extends Pattern>(table: readonly T[], method: string, segments: string[]): Match<T> {
  const allow: Method[] = [];
  for (const entry of table) {
    const hit = matches(entry.path, segments);
    if (!hit) continue;
    if (entry.method === method) return { found: entry, id: hit.id };
    allow.push(entry.method);
  }
  return { found: null, allow };
}
