/** Runs once when the server starts: a bad environment stops it there, naming the variable. */
export async function register() {
  try {
    await import('./env.ts');
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
