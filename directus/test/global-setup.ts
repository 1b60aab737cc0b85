import { emulatorEnv } from '@aula/llm';
import { startTestStack, type TestStack } from '@aula/test-stack';
import { startProviderEmulator } from '@aula/testkit';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: Omit<TestStack, 'stop' | 'rerunSetup'>;
    /** The provider emulator Directus's own LLM calls (the trend scan) go to; script it with connectEmulator. */
    emulatorUrl: string;
  }
}

/** The model the course API's LLM calls use in these tests (OpenAI's wire at the emulator, no fallback). */
export const SCAN_MODEL = 'gpt-4o-mini';

export default async function globalSetup(project: TestProject) {
  const emulator = await startProviderEmulator();
  // Low tutor limits, so tutor-api.test.ts can reach them.
  const llm = emulatorEnv(emulator.url, {
    AULA_GENERATION_PROVIDER: 'openai',
    AULA_GENERATION_MODEL: SCAN_MODEL,
    AULA_GENERATION_FALLBACKS: '',
  });
  const stack = await startTestStack({
    env: {
      AULA_TUTOR_MESSAGES_PER_MINUTE: '6',
      AULA_TUTOR_TOKENS_PER_DAY: '5000',
      ...(Object.fromEntries(Object.entries(llm).filter(([, v]) => v !== undefined)) as Record<string, string>),
    },
  });
  const { stop, rerunSetup: _, ...data } = stack;
  project.provide('stack', data);
  project.provide('emulatorUrl', emulator.url);
  return async () => {
    await stop();
    await emulator.stop();
  };
}
