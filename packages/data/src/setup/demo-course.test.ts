import { checkQuiz, DemoCourse, markdownHeadingAnchors } from '@aula/domain';
import { describe, expect, it } from 'vitest';
import { demoCourse } from './demo-course.ts';

describe('the demo course', () => {
  const course = DemoCourse.parse(demoCourse);
  const lessons = course.modules.flatMap((m) => m.lessons);

  it('is a complete Spanish course: 3+ lessons, each with a quiz of 4+ explained questions', () => {
    expect(course.language).toBe('es');
    expect(lessons.length).toBeGreaterThanOrEqual(3);
    for (const lesson of lessons) {
      expect(lesson.quiz.questions.length).toBeGreaterThanOrEqual(4);
      for (const q of lesson.quiz.questions) expect(q.explanation.length).toBeGreaterThan(20);
    }
  });

  it.each(lessons.map((l) => [l.slug, l] as const))(
    '%s: every question points at a heading of its lesson',
    (_, lesson) => {
      const anchors = markdownHeadingAnchors(lesson.body);
      for (const q of lesson.quiz.questions) expect(anchors).toContain(q.lessonSection);
    },
  );

  it('does not give away the answer by position: correct options are spread', () => {
    const positions = new Set(lessons.flatMap((l) => l.quiz.questions.map((q) => q.correctOption)));
    expect(positions.size).toBeGreaterThanOrEqual(3);
  });

  it.each(lessons.map((l) => [l.slug, l] as const))(
    '%s: its quiz passes every check a generated quiz must pass before review',
    (_, lesson) => {
      expect(checkQuiz(lesson.quiz.questions, lesson.body)).toEqual({
        questions: lesson.quiz.questions.map(() => []),
        samePosition: false,
        passed: true,
      });
    },
  );
});
