/** How many consecutive words of the instructions count as a leak. */
const SHINGLE = 7;

const words = (text: string) =>
  text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

const shingleAt = (source: string[], i: number) => source.slice(i, i + SHINGLE).join(' ');

/**
 * The instructions' words and their runs that do not touch the marker, per instructions with the
 * marker's letters and digits masked: every answer has a marker of its own, and the rest of its
 * instructions is one of a few texts (one per language), so those runs are worked out once.
 */
type Template = { words: string[]; masked: Set<number>; shingles: Set<string> };
const templates = new Map<string, Template>();
const TEMPLATES_KEPT = 32;

function templateOf(instructions: string, canary: string): Template {
  const mask = canary.replace(/[\p{L}\p{N}]/gu, 'x');
  const text = instructions.replaceAll(canary, mask);
  const known = templates.get(text);
  if (known) return known;
  const source = words(text);
  const maskWords = new Set(words(mask));
  const masked = new Set(source.flatMap((word, i) => (maskWords.has(word) ? [i] : [])));
  const shingles = new Set<string>();
  for (let i = 0; i + SHINGLE <= source.length; i++) {
    if (!touches(masked, i)) shingles.add(shingleAt(source, i));
  }
  const template = { words: source, masked, shingles };
  if (templates.size >= TEMPLATES_KEPT) templates.clear();
  templates.set(text, template);
  return template;
}

const touches = (positions: Set<number>, start: number) => {
  for (let j = start; j < start + SHINGLE; j++) if (positions.has(j)) return true;
  return false;
};

/**
 * Recognises an answer that repeats the tutor's instructions: their marker (canary), or any run of
 * seven consecutive words of them. The model is told never to reveal them; this catches it when it
 * does anyway, so the answer is withdrawn instead of shown.
 */
export function createLeakGuard(instructions: string, canary: string) {
  const source = words(instructions);
  const template = templateOf(instructions, canary);
  // Every run of the instructions' words: those away from the marker are the template's (when the words
  // agree there, as they do unless masking the marker changed how the text splits into words), the rest
  // are made here.
  const same =
    template.words.length === source.length &&
    source.every((w, i) => template.masked.has(i) || w === template.words[i]);
  const base = same ? template.shingles : new Set<string>();
  const own = new Set<string>();
  for (let i = 0; i + SHINGLE <= source.length; i++) {
    if (!same || touches(template.masked, i)) own.add(shingleAt(source, i));
  }
  const marker = canary.toLowerCase();
  return {
    leaks(text: string): boolean {
      if (text.toLowerCase().includes(marker)) return true;
      const said = words(text);
      for (let i = 0; i + SHINGLE <= said.length; i++) {
        const run = shingleAt(said, i);
        if (base.has(run) || own.has(run)) return true;
      }
      return false;
    },
  };
}
