/**
 * Where "Continue" takes a student: after the last lesson they opened when they have read it (the
 * following one), to it when not; without one, the first lesson not read yet; the first lesson when
 * all are read. `null` for a course without lessons.
 */
export function continueLesson<L extends { id: string }>(
  lessons: L[],
  progress: { lastLessonId: string | null; lessonsDone: string[] } | undefined,
): L | null {
  const done = new Set(progress?.lessonsDone ?? []);
  const last = lessons.findIndex((lesson) => lesson.id === progress?.lastLessonId);
  if (last >= 0) {
    const lesson = lessons[last]!;
    return done.has(lesson.id) ? (lessons.slice(last + 1).find((l) => !done.has(l.id)) ?? lesson) : lesson;
  }
  return lessons.find((lesson) => !done.has(lesson.id)) ?? lessons[0] ?? null;
}
