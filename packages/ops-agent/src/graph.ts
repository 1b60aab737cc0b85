import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** Which service each service needs (compose `depends_on`), per host: `graph[service] = [dependencies]`. */
export type Dependencies = Record<string, string[]>;

/** The services of a compose file and what each depends on (`depends_on` as a list or a map). */
export function composeDependencies(text: string): Dependencies {
  const doc = parse(text) as { services?: Record<string, { depends_on?: string[] | Record<string, unknown> }> };
  const out: Dependencies = {};
  for (const [name, service] of Object.entries(doc?.services ?? {})) {
    const d = service?.depends_on;
    out[name] = Array.isArray(d) ? d.map(String) : d && typeof d === 'object' ? Object.keys(d) : [];
  }
  return out;
}

export const readComposeDependencies = (file: string): Dependencies => composeDependencies(readFileSync(file, 'utf8'));

/** Everything `service` needs, directly or through another service. */
export function needs(graph: Dependencies, service: string, seen = new Set<string>()): Set<string> {
  for (const d of graph[service] ?? []) {
    if (seen.has(d)) continue;
    seen.add(d);
    needs(graph, d, seen);
  }
  return seen;
}

/**
 * Causes before symptoms: of the failing services, the ones none of whose dependencies fails (web
 * down because Directus is down because PostgreSQL is: PostgreSQL). Each cause comes with the failing
 * services that need it (its symptoms).
 */
export function rootCauses(graph: Dependencies, failing: Iterable<string>): { cause: string; symptoms: string[] }[] {
  const down = new Set(failing);
  const causes = [...down].filter((s) => ![...needs(graph, s)].some((d) => down.has(d)));
  return causes.sort().map((cause) => ({
    cause,
    symptoms: [...down].filter((s) => s !== cause && needs(graph, s).has(cause)).sort(),
  }));
}
