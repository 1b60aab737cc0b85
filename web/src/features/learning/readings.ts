/** One reading below a lesson ("Para saber más"): a checked, working reference, safe to link to. */
export type Reading = { url: string; title: string; site: string; why: string };

const MAX_TITLE = 160;
const MAX_WHY = 240;

/** One line of plain text: control characters and runs of spaces folded, cut at `max` characters. */
function oneLine(value: string, max: number): string {
  const line = value
    .replace(/\p{Cc}|\p{Cf}|\s/gu, ' ')
    .replace(/ +/g, ' ')
    .trim();
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/**
 * References as students see them. They come from a model and from the web, so only http(s) URLs are
 * kept (never `javascript:`, `data:` or a URL with credentials), the site is the host name without
 * `www.`, and the title and the why are one plain line each (React escapes them when rendered).
 */
export function readingsOf(references: { url: string; title: string | null; snippet: string | null }[]): Reading[] {
  const readings: Reading[] = [];
  const seen = new Set<string>();
  for (const reference of references) {
    let url: URL;
    try {
      url = new URL(reference.url);
    } catch {
      continue;
    }
    if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.username || url.password) continue;
    if (seen.has(url.href)) continue;
    seen.add(url.href);
    const site = url.hostname.replace(/^www\./i, '');
    readings.push({
      url: url.href,
      title: oneLine(reference.title ?? '', MAX_TITLE) || site,
      site,
      why: oneLine(reference.snippet ?? '', MAX_WHY),
    });
  }
  return readings;
}
