import { CONTENT_VERSION_KEY } from '@aula/data/content-version';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { newCourse, ok, tokens } from './helpers.ts';

/**
 * The content version (decision 016): the aula-content-version hook moves it on after every write to
 * course content, before Directus answers the write. (That learners' own rows leave it alone is not
 * checked here: the other files write content at the same time.)
 */
const { redisUrl, redisPrefix } = inject('stack');
let redis: Redis;
let admin: string;
const version = async () => BigInt((await redis.get(`${redisPrefix}${CONTENT_VERSION_KEY}`)) ?? '0');

beforeAll(async () => {
  redis = new Redis(redisUrl);
  const all = await tokens();
  admin = all.admin;
});
afterAll(() => redis.disconnect());

describe('the content version', () => {
  it('moves on with every create, update and delete of course content, before the write is answered', async () => {
    const before = await version();
    const course = await newCourse(admin, 'Curso de la version', 'draft');
    const created = await version();
    expect(created).toBeGreaterThan(before);
    const module = await ok(admin, 'POST', '/items/modules', { course: course.id, title: 'Uno', sort: 1 });
    const lesson = await ok(admin, 'POST', '/items/lessons', {
      course: course.id,
      module: module.id,
      slug: 'leccion',
      title: 'Lección',
      body: 'Texto.',
      sort: 1,
    });
    const withLesson = await version();
    expect(withLesson).toBeGreaterThan(created);
    await ok(admin, 'PATCH', `/items/lessons/${lesson.id}`, { body: 'Otro texto.' });
    const edited = await version();
    expect(edited).toBeGreaterThan(withLesson);
    await ok(admin, 'POST', `/aula/courses/${course.id}/publish`, {});
    const published = await version();
    expect(published).toBeGreaterThan(edited);
    await ok(admin, 'POST', `/aula/courses/${course.id}/archive`, {});
    expect(await version()).toBeGreaterThan(published);
  });
});
