import { describe, expect, it } from 'vitest';
import { formValues, requestBody, requestValuesOf } from './course-request-form.ts';

const form = (entries: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.set(name, value);
  return data;
};

describe('the course request form', () => {
  it.each([
    [
      { topic: ' Presupuesto ', language: 'es', lessonCount: '3' },
      { topic: 'Presupuesto', language: 'es', lessonCount: 3 },
    ],
    [{ topic: 'x', audience: '  ', syllabus: '' }, { topic: 'x' }],
    [
      { lessonCount: 'tres', costCapUsd: '0,5' },
      { lessonCount: 'tres', costCapUsd: 0.5 },
    ],
    [{ level: 'advanced', other: 'ignored' }, { level: 'advanced' }],
    [
      { provider: 'groq', model: ' llama-3.3-70b-versatile ' },
      { provider: 'groq', model: 'llama-3.3-70b-versatile' },
    ],
    [{ provider: '', model: '' }, {}],
  ])('%j becomes %j', (entries, body) => {
    expect(requestBody(formValues(form(entries)))).toEqual(body);
  });

  it('names the default provider when only a model is typed, and nothing when neither is', () => {
    const options = { defaultProvider: 'openai' };
    expect(requestBody(formValues(form({ model: 'gpt-4.1-nano' })), options)).toEqual({
      provider: 'openai',
      model: 'gpt-4.1-nano',
    });
    expect(requestBody(formValues(form({ topic: 'Huerto' })), options)).toEqual({ topic: 'Huerto' });
  });
});

describe('requestValuesOf', () => {
  it('fills the form with a stored course request, numbers as text', () => {
    const stored = {
      kind: 'course',
      topic: 'Huerto urbano',
      language: 'es',
      lessonCount: 4,
      costCapUsd: 0.5,
      level: 'beginner',
    };
    expect(requestValuesOf(stored)).toEqual({
      topic: 'Huerto urbano',
      language: 'es',
      lessonCount: '4',
      costCapUsd: '0.5',
      level: 'beginner',
    });
    // …and sent again, it is the same request.
    const { kind: _, ...body } = stored;
    expect(requestBody(requestValuesOf(stored) ?? {})).toEqual(body);
  });

  it('fills nothing from a regeneration or nothing at all', () => {
    expect(requestValuesOf({ kind: 'quiz', instruction: 'más difícil' })).toBeUndefined();
    expect(requestValuesOf(null)).toBeUndefined();
  });
});
