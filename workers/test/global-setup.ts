import { startTestStack, type TestStack } from '@aula/test-stack';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: Omit<TestStack, 'stop' | 'rerunSetup'>;
  }
}

export default async function globalSetup(project: TestProject) {
  const { stop, rerunSetup: _, ...data } = await startTestStack();
  project.provide('stack', data);
  return stop;
}
