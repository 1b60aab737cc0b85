import type { Api } from '../api.ts';
import { items } from '../items.ts';
import type { Row, Write } from '../schema/rows.ts';

/** The course with this URL name and its lessons' keys, if there is one. */
export async function findCourseBySlug(
  api: Api,
  slug: string,
): Promise<Pick<Row<'courses'>, 'id' | 'lessons' | 'cover'> | undefined> {
  const [found] = await items(api, 'courses').list({
    filter: { slug: { _eq: slug } },
    fields: ['id', 'lessons', 'cover'],
  });
  return found;
}

export async function createCourse(api: Api, course: Write<'courses'>): Promise<string> {
  return (await items(api, 'courses').create(course)).id;
}

/** Removes a course; its modules, lessons and quizzes go with it (their relations cascade). */
export async function removeCourse(api: Api, courseId: string): Promise<void> {
  await items(api, 'courses').remove(courseId);
}

export async function publishCourse(api: Api, courseId: string, at = new Date()): Promise<void> {
  await items(api, 'courses').update(courseId, { status: 'published', published_at: at.toISOString() });
}

export async function createModule(api: Api, module: Write<'modules'>): Promise<string> {
  return (await items(api, 'modules').create(module)).id;
}

export async function createLesson(api: Api, lesson: Write<'lessons'>): Promise<string> {
  return (await items(api, 'lessons').create(lesson)).id;
}
