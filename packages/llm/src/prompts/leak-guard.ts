/** How many consecutive words of the instructions count as a leak. */
const SHINGLE = 7;

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Recognises an answer that repeats the tutor's instructions: their marker (canary), or any run of
 * seven consecutive words of them. The model is told never to reveal them; this catches it when it
 * does anyway, so the answer is withdrawn instead of shown.
 */
export function createLeakGuard(instructions: string, canary: string) {
  const source = words(instructions);
  const shingles = new Set<string>();
  for (let i = 0; i + SHINGLE <= source.length; i++) shingles.add(source.slice(i, i + SHINGLE).join(' '));
  const marker = canary.toLowerCase();
  return {
    leaks(text: string): boolean {
      if (text.toLowerCase().includes(marker)) return true;
      const said = words(text);
      for (let i = 0; i + SHINGLE <= said.length; i++) {
        if (shingles.has(said.slice(i, i + SHINGLE).join(' '))) return true;
      }
      return false;
    },
  };
}
