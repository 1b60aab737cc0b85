import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toProviderJsonSchema } from './json-schema.ts';

const Quiz = z.object({
  title: z.string().min(3).describe('Quiz title'),
  kind: z.literal('quiz'),
  questions: z
    .array(
      z.object({ prompt: z.string(), options: z.array(z.string()).min(2).max(5), correct: z.number().int().min(0) }),
    )
    .min(1),
  note: z.string().optional(),
  level: z.number().int().default(1),
});

describe('toProviderJsonSchema', () => {
  it('closes every object and requires every property (strict)', () => {
    const schema = toProviderJsonSchema(Quiz, 'strict');
    expect(schema.$schema).toBeUndefined();
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['title', 'kind', 'questions', 'note', 'level']);
    const question = (schema.properties as any).questions.items;
    expect(question).toMatchObject({ additionalProperties: false, required: ['prompt', 'options', 'correct'] });
    expect(question.properties.correct).toEqual({ type: 'integer', minimum: 0 });
    expect((schema.properties as any).level.default).toBeUndefined();
    expect((schema.properties as any).title).toMatchObject({ minLength: 3, description: 'Quiz title' });
  });

  it('keeps only the keywords Gemini accepts', () => {
    const schema = toProviderJsonSchema(Quiz, 'gemini');
    const props = schema.properties as any;
    expect(props.title).toEqual({ type: 'string', description: 'Quiz title' });
    expect(props.kind).toEqual({ type: 'string', enum: ['quiz'] });
    expect(props.questions.items.properties.options).toEqual({
      type: 'array',
      items: { type: 'string' },
      minItems: 2,
      maxItems: 5,
    });
  });
});
