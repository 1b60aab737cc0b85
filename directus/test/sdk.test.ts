import { authentication, createDirectus, readItems, readMe, rest } from '@directus/sdk';
import { describe, expect, inject, it } from 'vitest';

describe('@directus/sdk as the demo student', () => {
  it('logs in and reads the published demo course with its outline', async () => {
    const stack = inject('stack');
    const student = stack.users.find((u) => u.email === 'student@example.com');
    const client = createDirectus(stack.url)
      .with(authentication('json', { autoRefresh: false }))
      .with(rest());
    await client.login({ email: 'student@example.com', password: student?.password ?? '' });

    const me = await client.request(readMe({ fields: ['email', 'first_name'] }));
    expect(me.email).toBe('student@example.com');

    const courses = await client.request(
      readItems('courses', {
        filter: { slug: { _eq: 'primeros-pasos-con-python' } },
        fields: ['title', 'language', { modules: ['title', { lessons: ['title', 'body'] }] }],
      }),
    );
    expect(courses).toHaveLength(1);
    const course = courses[0] as unknown as {
      title: string;
      language: string;
      modules: { lessons: { body: string }[] }[];
    };
    expect(course.title).toBe('Primeros pasos con Python');
    expect(course.modules.length).toBeGreaterThan(0);
    expect(course.modules.flatMap((m) => m.lessons).every((l) => l.body.length > 200)).toBe(true);
    await client.logout();
  });
});
