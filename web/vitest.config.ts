import { defineConfig } from 'vitest/config';

// Two projects: `unit` (pure functions beside the code, no services, runs in a second) and
// `integration` (the whole stack: Directus, the provider emulator, the workers, the site's server (web/server.ts)).
// `vitest run` runs both; `vitest run --project unit` only the first.
export default defineConfig({
  test: {
    // The integration files share one stack (and one emulator script): one file at a time.
    fileParallelism: false,
    projects: [
      // Components rendered in unit tests (react-dom/server) use React's automatic JSX runtime, as Next does.
      { esbuild: { jsx: 'automatic' }, test: { name: 'unit', include: ['src/**/*.test.ts'] } },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 180_000,
          // What a poll waits for crosses processes (a job, a server action, a page reload): vitest's
          // default of 1 s failed a clean run when the channels worker took longer under load.
          expect: { poll: { timeout: 15_000, interval: 100 } },
        },
      },
    ],
  },
});
