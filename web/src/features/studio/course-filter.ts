import { COURSE_STATUSES, type CourseStatus } from '@aula/domain';

export type CourseFilter = { q: string; status: CourseStatus | null };

/** The course list's search and status filter, read from the page's query (`?q=…&estado=…`). */
export function courseFilterOf(params: Record<string, string | string[] | undefined>): CourseFilter {
  const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
  const status = one(params.estado);
  return {
    q: one(params.q).trim().slice(0, 200),
    status: (COURSE_STATUSES as readonly string[]).includes(status) ? (status as CourseStatus) : null,
  };
}

/** Lower case without accents, so «programacion» finds «Programación». */
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase();

/** The courses whose title or requested topic holds every word searched, in the status asked for. */
export function filterCourses<T extends { title: string; topic: string | null; status: string }>(
  courses: T[],
  { q, status }: CourseFilter,
): T[] {
  const words = fold(q).split(/\s+/).filter(Boolean);
  return courses.filter((course) => {
    if (status && course.status !== status) return false;
    const text = fold(`${course.title} ${course.topic ?? ''}`);
    return words.every((word) => text.includes(word));
  });
}
