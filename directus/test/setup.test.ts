import { schema } from '@aula/data/schema';
import { setup } from '@aula/data/setup';
import { describe, expect, inject, it } from 'vitest';
import { ok, tokens } from './helpers.ts';

describe('the set-up command', () => {
  const stack = inject('stack');
  const again = () =>
    setup({
      url: stack.url,
      databaseUrl: stack.databaseUrl,
      adminEmail: stack.admin.email,
      adminPassword: stack.admin.password,
      users: stack.users,
      demoContent: true,
    });

  it('created every collection, role, user and the demo course on the empty database', () => {
    for (const c of schema) expect(stack.firstSetup).toContain(`collection ${c.collection}`);
    for (const role of ['Content Manager', 'Student', 'Generator', 'Pipeline']) {
      expect(stack.firstSetup).toContain(`role ${role}`);
    }
    expect(stack.firstSetup).toContain('demo course primeros-pasos-con-python');
  });

  it('changes nothing when run again, and the schema snapshot is identical', async () => {
    const { admin } = await tokens();
    const before = await ok(admin, 'GET', '/schema/snapshot');
    expect(await again()).toEqual([]);
    expect(await again()).toEqual([]);
    const after = await ok(admin, 'GET', '/schema/snapshot');
    expect(after).toEqual(before);
  });

  it('restores a permission that was removed by hand', async () => {
    const { admin } = await tokens();
    const [policy] = await ok(admin, 'GET', '/policies?filter[name][_eq]=Student&fields=id');
    const perms = await ok(
      admin,
      'GET',
      `/permissions?filter[policy][_eq]=${policy.id}&filter[collection][_eq]=questions`,
    );
    await ok(
      admin,
      'DELETE',
      '/permissions',
      perms.map((p: { id: number }) => p.id),
    );
    expect(await again()).toEqual(['permissions of Student: -0 +1']);
    expect(await again()).toEqual([]);
  });

  it('keeps the demo course complete and published, with a quiz of at least four explained questions per lesson', async () => {
    const { admin } = await tokens();
    const [course] = await ok(
      admin,
      'GET',
      '/items/courses?filter[slug][_eq]=primeros-pasos-con-python&fields=status,language,lessons.quizzes.questions.explanation',
    );
    expect(course.status).toBe('published');
    expect(course.language).toBe('es');
    expect(course.lessons.length).toBeGreaterThanOrEqual(3);
    for (const lesson of course.lessons) {
      expect(lesson.quizzes).toHaveLength(1);
      expect(lesson.quizzes[0].questions.length).toBeGreaterThanOrEqual(4);
      for (const q of lesson.quizzes[0].questions) expect(q.explanation.length).toBeGreaterThan(10);
    }
  });
});
