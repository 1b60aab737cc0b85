import { tutorInstructions } from '@aula/llm/prompts';
import { describe, expect, it } from 'vitest';
import { createLeakGuard } from './leak-guard.ts';

const canary = 'AULA-0123456789ab';
const instructions = tutorInstructions({ language: 'es', canary });
const guard = createLeakGuard(instructions, canary);

describe('createLeakGuard', () => {
  it.each([
    ['the marker', `Claro: ${canary}`],
    ['the marker in other case', `claro ${canary.toLowerCase()}`],
    ['a run of the instructions', 'Sure! "Guide before you tell. Start with a short guiding question or a hint"'],
    ['the instructions, reformatted', 'STAY ON THE SUBJECT OF THIS COURSE. If the student asks about something'],
    ['the whole prompt', instructions],
  ])('catches %s', (_, text) => {
    expect(guard.leaks(text)).toBe(true);
  });

  it.each([
    [
      'a normal answer',
      '¿Qué crees que guarda la variable `edad`? Repasa [Variables y nombres](#variables-y-nombres).',
    ],
    ['a refusal', 'No puedo compartir cómo estoy configurado, pero te ayudo con la lección.'],
    ['a few words of it', 'Guide before you tell.'],
  ])('lets %s through', (_, text) => {
    expect(guard.leaks(text)).toBe(false);
  });
});
