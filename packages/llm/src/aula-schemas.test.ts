import {
  LessonOutput,
  OutlineOutput,
  outlineFor,
  ProposalsOutput,
  QuizAmbiguityOutput,
  QuizFixOutput,
  QuizOutput,
} from '@aula/domain';
import { type Emulator, openAiStrictProblem, outlineOf, startProviderEmulator } from '@aula/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createLlm } from './create-llm.ts';
import { emulatorEnv } from './emulator-env.ts';
import { readLlmSettings } from './settings.ts';
import type { ProviderChoice } from './types.ts';

let emu: Emulator;
beforeAll(async () => {
  emu = await startProviderEmulator();
});
afterAll(() => emu.stop());
beforeEach(() => emu.reset());

const question = (i: number) => ({
  prompt: `¿Pregunta ${i}?`,
  options: ['a', 'b', 'c', 'd'],
  correctOption: i % 4,
  explanation: 'Porque así lo explica la lección.',
  lessonSection: 'Presupuesto',
});
/** Every schema Aula sends, with an answer a model could give. */
const SCHEMAS: [string, z.ZodType, unknown][] = [
  ['course_outline', OutlineOutput, outlineOf(5)],
  ['course_outline (3 lessons)', outlineFor(3), outlineOf(3)],
  ['lesson', LessonOutput, { markdown: `## Presupuesto\n\n${'Anotar ingresos y gastos ayuda. '.repeat(10)}` }],
  ['quiz', QuizOutput, { questions: [1, 2, 3, 4].map(question) }],
  ['quiz_fix', QuizFixOutput, { questions: [question(2)] }],
  [
    'quiz_ambiguity',
    QuizAmbiguityOutput,
    {
      questions: [
        { number: 1, ambiguous: true, reason: 'Dos opciones valen.' },
        { number: 2, ambiguous: false, reason: '' },
      ],
    },
  ],
  [
    'course_proposals',
    ProposalsOutput,
    {
      proposals: [
        {
          title: 'Finanzas',
          audience: 'Adultos',
          whyNow: 'Suben los precios.',
          sourceLinks: ['https://example.org'],
          score: 0.5,
        },
      ],
    },
  ],
];
/** Every provider flavour: OpenAI strict, Groq strict (gpt-oss) and best effort, Gemini, OpenRouter to both upstreams, local gpt-oss. */
const CHOICES: ProviderChoice[] = [
  { provider: 'openai', model: 'gpt-4.1-mini' },
  { provider: 'groq', model: 'openai/gpt-oss-120b' },
  { provider: 'groq', model: 'llama-3.1-8b-instant' },
  { provider: 'gemini', model: 'gemini-2.5-flash' },
  { provider: 'openrouter', model: 'google/gemini-2.5-flash' },
  { provider: 'openrouter', model: 'openai/gpt-4.1-mini' },
  { provider: 'gpt-oss', model: 'openai/gpt-oss-20b' },
];
const cases = SCHEMAS.flatMap(([name, schema, answer]) =>
  CHOICES.map((choice) => [`${name} → ${choice.provider}:${choice.model}`, schema, answer, choice] as const),
);

describe("Aula's schemas pass every provider flavour", () => {
  const llm = () => createLlm(readLlmSettings(emulatorEnv(emu.url, { AULA_GENERATION_FALLBACKS: '' })));

  it.each(cases)('%s', async (_, schema, answer, choice) => {
    emu.script({ model: choice.model }, { json: answer });
    const result = await llm().generateObject({
      task: 'generation',
      schema,
      schemaName: 'aula',
      messages: [{ role: 'user', content: 'hola' }],
      choice,
    });
    expect(result).toMatchObject({ provider: choice.provider, model: choice.model, attempts: 1 });
    expect(emu.requests).toHaveLength(1);
    expect(emu.pendingSteps()).toBe(0);
  });
});

describe('the same schemas as zod writes them', () => {
  it.each(SCHEMAS)('%s would be refused by strict OpenAI', (_, schema) => {
    const raw = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });
    expect(openAiStrictProblem('aula', raw)).toMatch(/is not permitted/);
  });
});
