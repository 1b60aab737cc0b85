const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', '#39': "'" };

/**
 * Untrusted text (a page title, an agent's summary) as one plain line: no tags, no control or
 * bidi-override characters, collapsed whitespace, at most `max` characters.
 */
export function cleanText(value: unknown, max: number): string {
  const text = String(value ?? '')
    .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+\d*);/gi, (whole, name: string) => decodeEntity(name) ?? whole)
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ') // control, zero-width and bidi-override characters
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

/** An absolute http(s) URL of sane length, or undefined. */
export function cleanUrl(value: unknown, max = 2048): string | undefined {
  if (typeof value !== 'string' || value.length > max) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function decodeEntity(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (lower.startsWith('#')) {
    const code = lower.startsWith('#x') ? Number.parseInt(lower.slice(2), 16) : Number(lower.slice(1));
    return Number.isInteger(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : undefined;
  }
  return ENTITIES[lower];
}
