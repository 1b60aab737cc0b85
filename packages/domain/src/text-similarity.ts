/**
 * Plain-text comparisons for the quiz checks (quiz-checks.ts): accents folded, case ignored, Spanish
 * and English function words left out, words cut to a short stem so "variables" meets "variable"
 * and "guarda" meets "guardar". Deterministic and dependency-free.
 */

/** Lowercase, accents stripped, whitespace collapsed; punctuation kept (`print("a")` is not `print(a)`). */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/[\s.;:!?¡¿]+$/u, '')
    .trim();
}

/** The words of a text (letters and digits), folded. */
export function words(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

// Function words of Spanish and English, and words that talk about the lesson rather than its subject.
const STOPWORDS = new Set(
  `a al algo ante antes aqui asi aunque cada como con cual cuales cuando de del desde donde dos el ella ellas
  ellos en entre era es esa ese eso esta estan este esto estos fue ha hace hacia han hay la las le les lo los
  mas me mi mismo muy no nos o otra otro para pero poco por porque puede que se sea segun ser si sin sobre
  solo son su sus tambien tan te tiene todo tu tus un una uno unos unas y ya vez veces nada nadie algo ver
  pesar hacer hace hacen decir tener tienen
  about after all also an and any are as at be because been but by can could did do does for from had has
  have how if in into is it its just may more most no not of on only or other our out over same so some such
  than that the their them then there these they this those to too up very was were what when where which
  while who why will with would you your nothing something make makes get gets
  leccion lecciones seccion secciones vimos visto vemos explica explicamos dice indica destaca muestra
  lesson lessons section sections explains explained says shows saw seen covered`.split(/\s+/),
);

/** A short stem: the first five letters of a long word (crude, but it folds plurals and verb forms). */
export function stem(word: string): string {
  return word.length > 5 ? word.slice(0, 5) : word;
}

/** The stems of a text's content words (no function words, no single letters). */
export function contentStems(text: string): string[] {
  return words(text)
    .filter((w) => (w.length > 1 || /\d/.test(w)) && !STOPWORDS.has(w))
    .map(stem);
}

/** |A ∩ B| / |A ∪ B| over the sets of content stems; 0 when both are empty. */
export function tokenJaccard(a: string, b: string): number {
  const x = new Set(contentStems(a));
  const y = new Set(contentStems(b));
  const union = new Set([...x, ...y]).size;
  if (union === 0) return 0;
  let shared = 0;
  for (const s of x) if (y.has(s)) shared += 1;
  return shared / union;
}

function trigrams(text: string): Map<string, number> {
  const padded = `  ${foldText(text)} `;
  const grams = new Map<string, number>();
  for (let i = 0; i + 3 <= padded.length; i++) {
    const g = padded.slice(i, i + 3);
    grams.set(g, (grams.get(g) ?? 0) + 1);
  }
  return grams;
}

/** Dice coefficient over character trigrams (with counts) of the folded texts: 1 for the same text. */
export function trigramSimilarity(a: string, b: string): number {
  const x = trigrams(a);
  const y = trigrams(b);
  let total = 0;
  let shared = 0;
  for (const n of x.values()) total += n;
  for (const n of y.values()) total += n;
  for (const [g, n] of x) shared += Math.min(n, y.get(g) ?? 0);
  return total === 0 ? 1 : (2 * shared) / total;
}

const numbers = (text: string) => (text.match(/\d+(?:[.,]\d+)?/g) ?? []).join(' ');

/**
 * Two texts that say the same: equal once folded, or nearly the same characters (trigram Dice), or
 * (for texts of some length) nearly the same content words in any order (token Jaccard); never two
 * texts with different numbers in them.
 */
export function nearDuplicate(a: string, b: string, limits = { trigram: 0.9, jaccard: 0.8, minWords: 3 }): boolean {
  if (foldText(a) === foldText(b)) return true;
  // "0, 1, 2, 3 y 4" and "0, 1, 2, 3, 4 y 5" are different answers, however alike they look.
  if (numbers(a) !== numbers(b)) return false;
  if (trigramSimilarity(a, b) >= limits.trigram) return true;
  const long = Math.min(contentStems(a).length, contentStems(b).length) >= limits.minWords;
  return long && tokenJaccard(a, b) >= limits.jaccard;
}
