/**
 * The drawn cover: a course's title and subject on a palette and pattern chosen by the title's hash,
 * so every course has a distinctive picture without an image model. The SVG is text we write (never
 * markup from the course): every piece of the title goes through `escapeXml`, and it holds no script,
 * no link and nothing fetched. It is rasterised to PNG before it is stored (render-cover.ts), so no
 * SVG ever reaches a browser.
 */

export const COVER_WIDTH = 1200;
export const COVER_HEIGHT = 630;

/** Background, pattern and ink colours; each pair of background and ink contrasts at 4.5:1 or more. */
const PALETTES: { bg: string; shade: string; accent: string; ink: string }[] = [
  { bg: '#1f3a5f', shade: '#2c5282', accent: '#f6ad55', ink: '#ffffff' },
  { bg: '#22543d', shade: '#2f855a', accent: '#fbd38d', ink: '#ffffff' },
  { bg: '#702459', shade: '#97266d', accent: '#fbb6ce', ink: '#ffffff' },
  { bg: '#44337a', shade: '#553c9a', accent: '#9ae6b4', ink: '#ffffff' },
  { bg: '#7b341e', shade: '#9c4221', accent: '#fefcbf', ink: '#ffffff' },
  { bg: '#234e52', shade: '#285e61', accent: '#feb2b2', ink: '#ffffff' },
  { bg: '#fefcbf', shade: '#faf089', accent: '#c05621', ink: '#1a202c' },
  { bg: '#e6fffa', shade: '#b2f5ea', accent: '#2b6cb0', ink: '#1a202c' },
];
const PATTERNS = ['circles', 'stripes', 'dots', 'waves'] as const;
export type CoverPattern = (typeof PATTERNS)[number];

/** FNV-1a, 32 bits: the same title always gives the same cover. */
export function hashTitle(text: string): number {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0) ?? 0;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Text safe inside an SVG element or a quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );
}

/** Control characters are not allowed in XML 1.0; anything else is kept (and escaped). */
const printable = (text: string) =>
  [...text]
    .filter((ch) => {
      const code = ch.codePointAt(0) ?? 0;
      return code >= 0x20 ? code !== 0x7f : code === 0x09 || code === 0x0a || code === 0x0d;
    })
    .join('')
    .trim();

/** Breaks `text` into at most `maxLines` lines of about `width` characters; the last one ends in "…" when cut. */
export function wrapTitle(text: string, width = 26, maxLines = 3): string[] {
  const words = printable(text).split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const piece = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    if (!line) line = piece;
    else if (line.length + 1 + piece.length <= width) line = `${line} ${piece}`;
    else {
      lines.push(line);
      line = piece;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= maxLines) return lines.length > 0 ? lines : ['…'];
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1] as string;
  kept[maxLines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  return kept;
}

export type CoverLook = { palette: number; pattern: CoverPattern; seed: number };

/** Which palette and pattern a title gets. */
export function coverLook(title: string): CoverLook {
  const h = hashTitle(title);
  return {
    palette: h % PALETTES.length,
    pattern: PATTERNS[(h >>> 8) % PATTERNS.length] as CoverPattern,
    seed: h >>> 12,
  };
}

function patternSvg(pattern: CoverPattern, seed: number, colour: string, accent: string): string {
  const rnd = (i: number, max: number) => (hashTitle(`${seed}:${i}`) % max) | 0;
  const shapes: string[] = [];
  switch (pattern) {
    case 'circles':
      for (let i = 0; i < 7; i++) {
        shapes.push(
          `<circle cx="${600 + rnd(i, 600)}" cy="${rnd(i + 50, 630)}" r="${60 + rnd(i + 100, 180)}" fill="${i % 3 === 0 ? accent : colour}" opacity="${i % 3 === 0 ? 0.35 : 0.6}"/>`,
        );
      }
      break;
    case 'stripes': {
      const step = 40 + rnd(1, 40);
      for (let x = -630; x < 1200; x += step * 2) {
        shapes.push(`<polygon points="${x},630 ${x + step},630 ${x + step + 630},0 ${x + 630},0" fill="${colour}"/>`);
      }
      shapes.push(`<rect x="0" y="590" width="1200" height="40" fill="${accent}"/>`);
      break;
    }
    case 'dots': {
      const gap = 36 + rnd(2, 24);
      for (let y = gap / 2; y < 630; y += gap) {
        for (let x = 620 + gap / 2; x < 1200; x += gap) {
          shapes.push(`<circle cx="${x}" cy="${y}" r="${6 + rnd(Math.round(x * 7 + y), 8)}" fill="${colour}"/>`);
        }
      }
      shapes.push(
        `<circle cx="${900 + rnd(3, 200)}" cy="${120 + rnd(4, 380)}" r="110" fill="${accent}" opacity="0.5"/>`,
      );
      break;
    }
    case 'waves':
      for (let i = 0; i < 6; i++) {
        const y = 80 + i * 100 + rnd(i, 30);
        const a = 30 + rnd(i + 10, 50);
        shapes.push(
          `<path d="M0 ${y} Q 150 ${y - a} 300 ${y} T 600 ${y} T 900 ${y} T 1200 ${y}" fill="none" stroke="${i === 2 ? accent : colour}" stroke-width="${14 + rnd(i + 20, 16)}" stroke-linecap="round"/>`,
        );
      }
      break;
  }
  return shapes.join('');
}

/** Characters per line and font size, largest first: each fits the 880 px of the panel. */
const FITS = [
  { chars: 18, size: 76 },
  { chars: 22, size: 62 },
  { chars: 28, size: 50 },
] as const;

export type CoverInput = {
  title: string;
  /** What the course is about in a few words (its audience, level or language), shown above the title. */
  subject?: string | null;
};

/** The drawn cover as SVG text, 1200 × 630 (the size of a link preview). */
export function drawCoverSvg({ title, subject }: CoverInput): string {
  const look = coverLook(title);
  const p = PALETTES[look.palette] as (typeof PALETTES)[number];
  // The largest type the title fits in three lines at (DejaVu Sans Bold is about 0.62 em a character).
  const fits = FITS.find((f) => !wrapTitle(title, f.chars).at(-1)?.endsWith('…') || f === FITS.at(-1));
  const { chars, size } = fits as (typeof FITS)[number];
  const lines = wrapTitle(title, chars);
  const top = 330 - ((lines.length - 1) * size * 1.15) / 2 + size / 3;
  const label = subject ? wrapTitle(subject, 48, 1)[0] : undefined;
  const text = lines
    .map(
      (line, i) =>
        `<text x="72" y="${Math.round(top + i * size * 1.15)}" font-size="${size}" font-weight="700">${escapeXml(line)}</text>`,
    )
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${COVER_WIDTH}" height="${COVER_HEIGHT}" viewBox="0 0 ${COVER_WIDTH} ${COVER_HEIGHT}">`,
    `<rect width="${COVER_WIDTH}" height="${COVER_HEIGHT}" fill="${p.bg}"/>`,
    patternSvg(look.pattern, look.seed, p.shade, p.accent),
    // A panel under the words keeps them readable over any pattern.
    `<rect x="40" y="60" width="940" height="510" rx="28" fill="${p.bg}" opacity="0.85"/>`,
    `<g font-family="DejaVu Sans, Verdana, Arial, sans-serif" fill="${p.ink}">`,
    label
      ? `<text x="72" y="130" font-size="30" letter-spacing="2" fill="${p.accent}">${escapeXml(label.toUpperCase())}</text>`
      : '',
    text,
    '</g>',
    '</svg>',
  ].join('');
}
