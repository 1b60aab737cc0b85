import { describe, expect, expectTypeOf, it } from 'vitest';
import { createApi } from './api.ts';
import { items, qs } from './items.ts';
import type { Expanded, Row } from './schema/rows.ts';

describe('items', () => {
  it('writes Directus query strings (JSON for filter and deep)', () => {
    expect(qs({ fields: ['id', 'course.title'], filter: { id: { _eq: 'x' } }, limit: -1 })).toBe(
      `?fields=id%2Ccourse.title&filter=${encodeURIComponent('{"id":{"_eq":"x"}}')}&limit=-1`,
    );
    expect(qs({})).toBe('');
  });

  it('types reads by the fields asked for, or by the row with the relations named expanded', () => {
    // Type-level only: checked by tsc (`pnpm typecheck`), never sent.
    const reads = async () => {
      const lessons = items(createApi('http://127.0.0.1:1'), 'lessons');
      const picked = await lessons.get('id', { fields: ['id', 'title'] });
      expectTypeOf(picked).toEqualTypeOf<Pick<Row<'lessons'>, 'id' | 'title'>>();
      // @ts-expect-error: `body` was not asked for
      picked.body;
      expectTypeOf(await lessons.list({ fields: ['body'] })).toEqualTypeOf<Pick<Row<'lessons'>, 'body'>[]>();
      expectTypeOf(await lessons.get<'course'>('id', { fields: ['course.title'] })).toEqualTypeOf<
        Expanded<'lessons', 'course'>
      >();
      expectTypeOf(await lessons.list({ filter: {} })).toEqualTypeOf<Expanded<'lessons', never>[]>();
      // @ts-expect-error: lessons have no `status`
      await lessons.update('id', { status: 'published' });
    };
    expect(reads).toBeTypeOf('function');
  });
});
