/** Runs once when the server starts: a bad environment stops it there, naming the variable. */
export async function register() {
  try {
    await import('./env.ts');
  } catch (error) {
    // The environment is what failed: the logger cannot read LOG_LEVEL from it.
    const { createLogger } = await import('@aula/telemetry/log');
    createLogger({ name: 'aula-web' }).fatal(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
