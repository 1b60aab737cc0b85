/** One line of a diff: kept in both versions, only in the old one, or only in the new one. */
export type DiffLine = { op: 'same' | 'removed' | 'added'; text: string };

/**
 * A line diff of two texts (longest common subsequence), in reading order, removals before the
 * additions that replace them. Lessons are a few hundred lines at most; beyond `maxCells` (a very
 * long pair) it falls back to "all removed, all added" rather than use quadratic memory.
 */
export function lineDiff(before: string, after: string, maxCells = 4_000_000): DiffLine[] {
  const a = before === '' ? [] : before.split('\n');
  const b = after === '' ? [] : after.split('\n');
  if ((a.length + 1) * (b.length + 1) > maxCells) {
    return [
      ...a.map((text) => ({ op: 'removed' as const, text })),
      ...b.map((text) => ({ op: 'added' as const, text })),
    ];
  }
  const { lcs, width } = lcsTable(a, b);
  const lines: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      lines.push({ op: 'same', text: a[i] ?? '' });
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
      lines.push({ op: 'removed', text: a[i++] ?? '' });
    } else {
      lines.push({ op: 'added', text: b[j++] ?? '' });
    }
  }
  while (i < a.length) lines.push({ op: 'removed', text: a[i++] ?? '' });
  while (j < b.length) lines.push({ op: 'added', text: b[j++] ?? '' });
  return lines;
}

/** How many lines were removed and added. */
export function diffStats(lines: DiffLine[]): { removed: number; added: number } {
  return {
    removed: lines.filter((line) => line.op === 'removed').length,
    added: lines.filter((line) => line.op === 'added').length,
  };
}

export type DiffRow = { before: DiffLine | null; after: DiffLine | null };

/**
 * Diff lines as side-by-side rows: within a block of changes, the n-th removed line and the n-th
 * added line share a row; the rest of the longer side stands alone.
 */
export function sideBySide(lines: DiffLine[]): DiffRow[] {
  const rows: DiffRow[] = [];
  let removed: DiffLine[] = [];
  let added: DiffLine[] = [];
  const flush = () => {
    for (let i = 0; i < Math.max(removed.length, added.length); i++) {
      rows.push({ before: removed[i] ?? null, after: added[i] ?? null });
    }
    removed = [];
    added = [];
  };
  for (const line of lines) {
    if (line.op === 'same') {
      flush();
      rows.push({ before: line, after: line });
    } else if (line.op === 'removed') {
      if (added.length > 0) flush();
      removed.push(line);
    } else added.push(line);
  }
  flush();
  return rows;
}

/** A piece of a changed line: kept in the other version too, or changed (removed or added). */
export type WordPart = { text: string; changed: boolean };

/** Words, runs of spaces and single punctuation marks: the units a changed line is compared in. */
const tokens = (line: string) => line.match(/\s+|[\p{L}\p{N}_]+|[^\s\p{L}\p{N}_]/gu) ?? [];

/**
 * Within a changed line and the line that replaces it, the words each one changed (longest common
 * subsequence of their words), so a one-word change marks that word, not the whole line. Adjacent
 * parts of a kind are joined. Beyond `maxCells` (very long lines) each line is one changed part.
 */
export function wordDiff(
  before: string,
  after: string,
  maxCells = 1_000_000,
): { before: WordPart[]; after: WordPart[] } {
  const a = tokens(before);
  const b = tokens(after);
  if ((a.length + 1) * (b.length + 1) > maxCells) {
    return { before: [{ text: before, changed: true }], after: [{ text: after, changed: true }] };
  }
  const { lcs, width } = lcsTable(a, b);
  const left: WordPart[] = [];
  const right: WordPart[] = [];
  const push = (parts: WordPart[], text: string, changed: boolean) => {
    const last = parts.at(-1);
    if (last && last.changed === changed) last.text += text;
    else parts.push({ text, changed });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      push(left, a[i] ?? '', false);
      push(right, b[j] ?? '', false);
      i++;
      j++;
    } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) push(left, a[i++] ?? '', true);
    else push(right, b[j++] ?? '', true);
  }
  while (i < a.length) push(left, a[i++] ?? '', true);
  while (j < b.length) push(right, b[j++] ?? '', true);
  return { before: left, after: right };
}

/** lcs[i * width + j]: the length of the longest common subsequence of a[i..] and b[j..]. */
function lcsTable(a: readonly string[], b: readonly string[]): { lcs: Uint32Array; width: number } {
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] =
        a[i] === b[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
    }
  }
  return { lcs, width };
}
