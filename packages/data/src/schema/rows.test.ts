import type { QuestionResult, RegenerationResult } from '@aula/domain';
import { describe, expectTypeOf, it } from 'vitest';
import type { CollectionName, Expanded, Relations, Row } from './rows.ts';

describe('row types derived from the schema', () => {
  it('a lesson holds what schema.ts declares: keys for relations, null where not required', () => {
    expectTypeOf<Row<'lessons'>>().toEqualTypeOf<{
      id: string;
      course: string;
      module: string;
      slug: string;
      title: string;
      body: string | null;
      objectives: string[] | null;
      sort: number | null;
      estimated_minutes: number | null;
      quizzes: string[];
      references: string[];
      date_created: string;
      user_updated: string | null;
      date_updated: string | null;
    }>();
  });

  it('a choice is the union of its values; json takes the shape the schema names', () => {
    expectTypeOf<Row<'courses'>['status']>().toEqualTypeOf<
      'draft' | 'generating' | 'in_review' | 'published' | 'archived'
    >();
    expectTypeOf<Row<'lesson_references'>['check_status']>().toEqualTypeOf<'unchecked' | 'ok' | 'broken' | null>();
    expectTypeOf<Row<'questions'>['options']>().toEqualTypeOf<string[]>();
    expectTypeOf<Row<'questions'>['correct_option']>().toEqualTypeOf<number>();
    expectTypeOf<Row<'quiz_attempts'>['passed']>().toEqualTypeOf<boolean>();
    expectTypeOf<Row<'quiz_attempts'>['results']>().toEqualTypeOf<QuestionResult[] | null>();
    expectTypeOf<Row<'generation_steps'>['detail']>().toEqualTypeOf<unknown>();
    expectTypeOf<Row<'generation_runs'>['result']>().toEqualTypeOf<RegenerationResult | null>();
    expectTypeOf<Row<'generation_steps'>['cost_usd']>().toEqualTypeOf<number | null>();
    expectTypeOf<Row<'quizzes'>['max_attempts']>().toEqualTypeOf<number | null>();
  });

  it('relations name the collection they point to, and expand to its row', () => {
    expectTypeOf<Relations<'quizzes'>>().toEqualTypeOf<{
      course: 'courses';
      lesson: 'lessons';
      questions: 'questions';
      user_updated: 'directus_users';
    }>();
    expectTypeOf<Expanded<'lessons', 'course'>['course']>().toEqualTypeOf<Row<'courses'>>();
    expectTypeOf<Expanded<'generation_runs', 'course'>['course']>().toEqualTypeOf<Row<'courses'> | null>();
    expectTypeOf<Expanded<'generation_runs', 'steps'>['steps']>().toEqualTypeOf<Row<'generation_steps'>[]>();
    expectTypeOf<Expanded<'lessons', 'course'>['title']>().toEqualTypeOf<string>();
  });

  it('every collection of the schema has a name', () => {
    expectTypeOf<'tutor_messages'>().toExtend<CollectionName>();
    expectTypeOf<'directus_users'>().not.toExtend<CollectionName>();
  });
});
