import { describe, expect, it } from 'vitest';
import { sampleFromSchema } from './sample-from-schema.ts';

describe('sampleFromSchema', () => {
  it.each([
    [
      'string placeholder named after the property',
      { type: 'object', properties: { title: { type: 'string' } } },
      { title: 'Sample title' },
    ],
    ['minLength and maxLength', { type: 'string', minLength: 20, maxLength: 25 }, 'Sample text lorem ipsum d'],
    ['enum takes the first value', { enum: ['es', 'en'] }, 'es'],
    ['const', { const: 3 }, 3],
    ['integer minimum', { type: 'integer', minimum: 3, maximum: 9 }, 3],
    ['integer maximum below 1', { type: 'integer', maximum: 0 }, 0],
    ['exclusive minimum', { type: 'number', exclusiveMinimum: 5 }, 6],
    ['nullable picks the non-null type', { type: ['null', 'string'] }, 'Sample text'],
    ['anyOf picks the first non-null option', { anyOf: [{ type: 'null' }, { type: 'boolean' }] }, true],
    [
      'uri format',
      { type: 'object', properties: { url: { type: 'string', format: 'uri' } } },
      { url: 'https://example.org/url' },
    ],
    [
      'url-like names get a URL',
      { type: 'object', properties: { link: { type: 'string' } } },
      { link: 'https://example.org/link' },
    ],
    ['OpenAPI uppercase types', { type: 'OBJECT', properties: { n: { type: 'INTEGER' } } }, { n: 1 }],
  ])('%s', (_name, schema, expected) => {
    expect(sampleFromSchema(schema)).toEqual(expected);
  });

  it('respects minItems/maxItems and numbers the items', () => {
    const schema = {
      type: 'object',
      properties: {
        lessons: {
          type: 'array',
          minItems: 2,
          maxItems: 3,
          items: { type: 'object', properties: { title: { type: 'string' } } },
        },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 0 },
      },
    };
    expect(sampleFromSchema(schema)).toEqual({
      lessons: [{ title: 'Sample title' }, { title: 'Sample title' }],
      tags: [],
    });
    const names = { type: 'array', minItems: 2, items: { type: 'string' } };
    expect(sampleFromSchema({ type: 'object', properties: { names } })).toEqual({
      names: ['Sample name 1', 'Sample name 2'],
    });
  });

  it('follows $ref into $defs and stops on recursion', () => {
    const schema = {
      $defs: {
        node: {
          type: 'object',
          properties: { label: { type: 'string' }, children: { type: 'array', items: { $ref: '#/$defs/node' } } },
        },
      },
      $ref: '#/$defs/node',
    };
    const value = sampleFromSchema(schema) as { label: string; children: unknown[] };
    expect(value.label).toBe('Sample label');
    expect(JSON.stringify(value).length).toBeLessThan(2000);
  });

  it('writes prose fields at a model’s length when no minLength says so (strict schemas carry none)', () => {
    const value = sampleFromSchema({
      type: 'object',
      properties: { markdown: { type: 'string' }, title: { type: 'string' }, body: { type: 'string', maxLength: 50 } },
    }) as Record<string, string>;
    expect(value.markdown).toMatch(/^## Sample markdown\n\n/);
    expect(value.markdown?.length).toBeGreaterThanOrEqual(320);
    expect(value.title).toBe('Sample title');
    expect(value.body).toHaveLength(50);
  });
});
