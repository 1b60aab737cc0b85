import { describe, expect, it } from 'vitest';
import { formValues, requestBody } from './course-request-form.ts';

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
