import type { TestProject } from 'vitest/node';
import { startTestStack, type TestStack } from '../src/testing.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    stack: Omit<TestStack, 'stop' | 'rerunSetup'>;
  }
}

export default async function globalSetup(project: TestProject) {
  const stack = await startTestStack();
  const { stop, rerunSetup: _, ...data } = stack;
  project.provide('stack', data);
  return stop;
}
