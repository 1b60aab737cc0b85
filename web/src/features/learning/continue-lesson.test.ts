import { expect, it } from 'vitest';
import { continueLesson } from './continue-lesson.ts';

const lessons = ['a', 'b', 'c', 'd'].map((id) => ({ id }));

it.each([
  [undefined, 'a'],
  [{ lastLessonId: null, lessonsDone: [] }, 'a'],
  [{ lastLessonId: null, lessonsDone: ['a', 'b'] }, 'c'],
  [{ lastLessonId: 'b', lessonsDone: [] }, 'b'],
  [{ lastLessonId: 'b', lessonsDone: ['b'] }, 'c'],
  [{ lastLessonId: 'b', lessonsDone: ['b', 'c'] }, 'd'],
  [{ lastLessonId: 'd', lessonsDone: ['d'] }, 'd'],
  [{ lastLessonId: 'gone', lessonsDone: ['a'] }, 'b'],
  [{ lastLessonId: null, lessonsDone: ['a', 'b', 'c', 'd'] }, 'a'],
])('%j → %s', (progress, id) => {
  expect(continueLesson(lessons, progress)?.id).toBe(id);
});

it('is null for a course without lessons', () => {
  expect(continueLesson([], undefined)).toBeNull();
});
