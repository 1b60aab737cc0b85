/**
 * The servers a benchmark runs against. Alone, or in a measured run, each benchmark starts its own
 * (a fresh database, a web server with just the settings it needs) and stops them. A smoke run starts
 * one set for every benchmark (`startShared`): starting Directus on a fresh database is most of a
 * smoke run's cost on a loaded machine, and a smoke run measures nothing.
 */
import { emulatorEnv } from '@aula/llm';
import { type RunningWeb, startTestStack, startWeb, type TestStack } from '@aula/test-stack';
import { type Emulator, startProviderEmulator } from '@aula/testkit';

export type Shared = { stack: TestStack; web: RunningWeb; emu: Emulator };

/** The settings every benchmark's Directus can live with: the production request limits, a roomy tutor limit. */
export const SHARED_DIRECTUS_ENV = {
  AULA_RATE_LIMIT_ADDRESS: '1000',
  AULA_RATE_LIMIT_USER: '50',
  AULA_RATE_LIMIT_ANONYMOUS: '50',
  AULA_TUTOR_MESSAGES_PER_MINUTE: '1000',
};

/** The web server's settings: its tutor on the emulator, and this process believed as the proxy in front. */
export function webEnv(stack: TestStack, emu: Emulator): Record<string, string> {
  return {
    AULA_TRUSTED_PROXIES: 'loopback',
    ...emulatorEnv(emu.url, { AULA_TUTOR_PROVIDER: 'groq', AULA_TUTOR_FALLBACKS: '' }),
    AULA_TUTOR_SERVICE_KEY: stack.tutorServiceKey,
  };
}

export function startShared(): Promise<Shared & { stop: () => Promise<void> }> {
  return serversFor(undefined, SHARED_DIRECTUS_ENV);
}

/**
 * The benchmark's servers: the shared ones when given (left running), else its own, started with
 * stopped by `stop`.
 */
export async function serversFor(
  shared: Shared | undefined,
  directusEnv: Record<string, string> = {},
): Promise<Shared & { stop: () => Promise<void> }> {
  if (shared) return { ...shared, stop: async () => {} };
  const stack = await startTestStack({ env: directusEnv });
  const emu = await startProviderEmulator();
  try {
    const web = await startWeb({ directusUrl: stack.url, env: webEnv(stack, emu) });
    return {
      stack,
      web,
      emu,
      stop: async () => {
        await web.stop();
        await emu.stop();
        await stack.stop();
      },
    };
  } catch (error) {
    await emu.stop();
    await stack.stop();
    throw error;
  }
}
