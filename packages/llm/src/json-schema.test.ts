import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeUnsent, providerJsonSchema, toProviderJsonSchema } from './json-schema.ts';
import { type SchemaFlavour, SUBSETS, schemaFlavour } from './schema-subsets.ts';

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
  score: z.number().gt(0).lt(1),
});

describe('toProviderJsonSchema', () => {
  it('closes every object, requires every property and drops annotations nobody needs', () => {
    const schema = toProviderJsonSchema(Quiz, 'openai');
    expect(schema.$schema).toBeUndefined();
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['title', 'kind', 'questions', 'note', 'level', 'score']);
    const question = (schema.properties as any).questions.items;
    expect(question).toMatchObject({ additionalProperties: false, required: ['prompt', 'options', 'correct'] });
    expect(question.properties.correct).toEqual({ type: 'integer', minimum: 0 });
    expect((schema.properties as any).level.default).toBeUndefined();
  });

  it.each([
    ['openai', { type: 'string', description: 'Quiz title' }, { type: 'string', const: 'quiz' }, true],
    ['groq-strict', { type: 'string', description: 'Quiz title' }, { type: 'string', const: 'quiz' }, true],
    ['gemini', { type: 'string', description: 'Quiz title' }, { type: 'string', enum: ['quiz'] }, false],
    ['openrouter', { type: 'string', description: 'Quiz title' }, { type: 'string', enum: ['quiz'] }, false],
    ['gpt-oss', { type: 'string', description: 'Quiz title' }, { type: 'string', const: 'quiz' }, true],
  ] as const)('%s keeps only its subset (no string lengths anywhere)', (flavour, title, kind, exclusive) => {
    const { schema, unsent } = providerJsonSchema(Quiz, flavour);
    const props = schema.properties as any;
    expect(props.title).toEqual(title);
    expect(props.kind).toEqual(kind);
    expect(props.questions.items.properties.options).toMatchObject({ minItems: 2, maxItems: 5 });
    expect(unsent).toContainEqual({ path: 'title', keyword: 'minLength', value: 3 });
    expect('exclusiveMinimum' in props.score).toBe(exclusive);
  });

  it('sends nothing outside each subset, whatever the schema', () => {
    const keys = (node: unknown): string[] =>
      node && typeof node === 'object'
        ? Object.entries(node).flatMap(([k, v]) =>
            k === 'properties' ? Object.values(v).flatMap(keys) : [k, ...keys(v)],
          )
        : [];
    for (const flavour of Object.keys(SUBSETS) as SchemaFlavour[]) {
      for (const key of keys(toProviderJsonSchema(Quiz, flavour))) {
        if (/^\d+$/.test(key)) continue;
        expect(SUBSETS[flavour].keywords.has(key), `${flavour} sends ${key}`).toBe(true);
      }
    }
  });

  it('names the unsent limits of the paths that failed, for the repair call', () => {
    const { unsent } = providerJsonSchema(
      z.object({ items: z.array(z.object({ name: z.string().min(2).max(9) })), other: z.string().max(4) }),
      'openai',
    );
    expect(describeUnsent(unsent, ['items.3.name'])).toBe('items.*.name: minLength 2, maxLength 9');
    expect(describeUnsent(unsent, ['nothing'])).toBe('');
  });
});

describe('schemaFlavour', () => {
  it.each([
    [{ provider: 'groq', model: 'openai/gpt-oss-120b' }, 'groq-strict'],
    [{ provider: 'groq', model: 'llama-3.1-8b-instant' }, 'groq'],
    [{ provider: 'gemini', model: 'gemini-2.5-flash' }, 'gemini'],
    [{ provider: 'openrouter', model: 'openai/gpt-4.1-mini' }, 'openrouter'],
    [{ provider: 'gpt-oss', model: 'gpt-oss:20b' }, 'gpt-oss'],
  ] as const)('%o → %s', (choice, flavour) => {
    expect(schemaFlavour(choice)).toBe(flavour);
  });

  it('asks Groq for strict mode only where it has it', () => {
    expect(SUBSETS['groq-strict'].strict).toBe(true);
    expect(SUBSETS.groq.strict).toBe(false);
  });
});
