/**
 * Environment that points every provider at one local emulator (`@aula/testkit`'s
 * startProviderEmulator), for integration tests: `readLlmSettings(emulatorEnv(emu.url))`.
 */
export function emulatorEnv(
  url: string,
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    GOOGLE_API_KEY: 'AIza-test',
    GEMINI_BASE_URL: url,
    GROQ_API_KEY: 'gsk_test',
    GROQ_BASE_URL: url,
    OPENAI_API_KEY: 'sk-test',
    OPENAI_BASE_URL: `${url}/v1`,
    OPENROUTER_API_KEY: 'sk-or-test',
    OPENROUTER_BASE_URL: `${url}/api/v1`,
    GPT_OSS_BASE_URL: `${url}/v1`,
    BROWSER_USE_API_KEY: 'bu_test',
    BROWSER_USE_BASE_URL: `${url}/api/v2`,
    BROWSER_USE_POLL_INTERVAL_MS: '10',
    AULA_LLM_MAX_RETRIES: '0',
    AULA_LLM_TIMEOUT_MS: '5000',
    ...overrides,
  };
}
