import type { TestProject } from 'vitest/node';
import { startTestStack, type TestStack } from '../src/testing.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: Omit<TestStack, 'stop' | 'rerunSetup'>;
  }
}

export default async function globalSetup(project: TestProject) {
  // Low tutor limits, so tutor-api.test.ts can reach them.
  const stack = await startTestStack({
    env: { AULA_TUTOR_MESSAGES_PER_MINUTE: '6', AULA_TUTOR_TOKENS_PER_DAY: '5000' },
  });
  const { stop, rerunSetup: _, ...data } = stack;
  project.provide('stack', data);
  return stop;
}
