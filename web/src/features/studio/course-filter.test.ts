import { describe, expect, it } from 'vitest';
import { courseFilterOf, filterCourses } from './course-filter.ts';

const courses = [
  { title: 'Programación en Python', topic: 'python para principiantes', status: 'published' },
  { title: 'Huerto urbano', topic: null, status: 'in_review' },
  { title: 'Presupuesto familiar', topic: 'finanzas de casa', status: 'draft' },
];

describe('the studio course list filter', () => {
  it.each([
    [{ q: '', status: null }, ['Programación en Python', 'Huerto urbano', 'Presupuesto familiar']],
    [{ q: 'programacion', status: null }, ['Programación en Python']],
    [{ q: 'FINANZAS casa', status: null }, ['Presupuesto familiar']],
    [{ q: '', status: 'in_review' as const }, ['Huerto urbano']],
    [{ q: 'python', status: 'draft' as const }, []],
  ])('%o', (filter, titles) => {
    expect(filterCourses(courses, filter).map((c) => c.title)).toEqual(titles);
  });

  it('reads the query, ignoring a status that does not exist', () => {
    expect(courseFilterOf({ q: '  huerto ', estado: 'published' })).toEqual({ q: 'huerto', status: 'published' });
    expect(courseFilterOf({ estado: 'nope' })).toEqual({ q: '', status: null });
  });
});
