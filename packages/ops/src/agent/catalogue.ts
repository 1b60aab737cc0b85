import { createHash } from 'node:crypto';

/**
 * The catalogue a host serves: the published courses as anyone reads them through its public course
 * API (Directus' `/items/courses` without a token, which shows only what is published), with their
 * lesson count. Main compares its own with the Mirror's after a clone.
 */
export type Catalogue = {
  courses: { slug: string; title: string; summary: string | null; lessons: number }[];
  /** sha256 over the courses in slug order. */
  digest: string;
};

export async function readCatalogue(apiUrl: string, signal?: AbortSignal): Promise<Catalogue> {
  const url = `${apiUrl.replace(/\/+$/, '')}/items/courses?fields=slug,title,summary,lessons.estimated_minutes&sort=slug&limit=-1`;
  const res = await fetch(url, { signal: signal ?? AbortSignal.timeout(15_000) });
  if (!res.ok) throw new Error(`the course API at ${apiUrl} answered ${res.status}`);
  const body = (await res.json()) as {
    data: { slug: string; title: string; summary?: string | null; lessons?: unknown[] }[];
  };
  const courses = body.data.map((c) => ({
    slug: c.slug,
    title: c.title,
    summary: c.summary ?? null,
    lessons: Array.isArray(c.lessons) ? c.lessons.length : 0,
  }));
  return { courses, digest: createHash('sha256').update(JSON.stringify(courses)).digest('hex') };
}

/** Plain words for what differs between two catalogues (empty when they are the same). */
export function compareCatalogues(main: Catalogue, mirror: Catalogue): string[] {
  if (main.digest === mirror.digest) return [];
  const problems: string[] = [];
  const byId = new Map(mirror.courses.map((c) => [c.slug, c]));
  for (const course of main.courses) {
    const other = byId.get(course.slug);
    if (!other) problems.push(`“${course.title}” is published on Main but not on the Mirror`);
    else if (JSON.stringify(other) !== JSON.stringify(course)) problems.push(`“${course.title}” differs on the Mirror`);
    byId.delete(course.slug);
  }
  for (const course of byId.values()) problems.push(`“${course.title}” is on the Mirror but not published on Main`);
  return problems.length ? problems : ['the catalogues differ'];
}
