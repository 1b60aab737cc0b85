import type { Api } from '../api.ts';
import { qs } from '../items.ts';
import type { Row } from '../schema/rows.ts';

type Lesson = Row<'lessons'>;
type Course = Row<'courses'>;

/** A lesson with what a prompt needs about its course: the course's settings and its whole outline. */
export type LessonInCourse = Pick<Lesson, 'id' | 'title' | 'body' | 'objectives' | 'estimated_minutes'> & {
  course: Pick<Course, 'id' | 'title' | 'audience' | 'level' | 'language'> & {
    modules: (Pick<Row<'modules'>, 'title' | 'sort'> & { lessons: Pick<Lesson, 'title' | 'sort'>[] })[];
  };
};

export function getLessonInCourse(api: Api, lessonId: string): Promise<LessonInCourse> {
  const fields = [
    'id',
    'title',
    'body',
    'objectives',
    'estimated_minutes',
    'course.id',
    'course.title',
    'course.audience',
    'course.level',
    'course.language',
    'course.modules.title',
    'course.modules.sort',
    'course.modules.lessons.title',
    'course.modules.lessons.sort',
  ];
  return api.request<LessonInCourse>('GET', `/items/lessons/${lessonId}${qs({ fields })}`);
}
