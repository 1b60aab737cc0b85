/** Any origin of ours would do: only whether a target leaves it matters. */
const BASE = 'https://aula.invalid';

/**
 * C0 controls (browsers drop tab and newlines from URLs, so `/\t/evil` becomes `//evil`), DEL, C1
 * controls, and backslashes (a slash to browsers).
 */
export function hasUnsafeCharacter(value: string): boolean {
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || char === '\\') return true;
  }
  return false;
}

/**
 * The one decision whether a redirect target (a `next` field, a form's `path`, a Referer) stays on
 * this site: its path (with query and hash), normalised as a browser would, or null. Relative paths
 * only, unless `origins` names the site's own origins (then a full URL of one of them is taken as its
 * path). Dot segments, doubled, backslashed or encoded slashes, control characters and other schemes
 * never come out as anything but a path that starts with exactly one slash.
 */
export function localPath(value: unknown, origins: readonly string[] = []): string | null {
  if (typeof value !== 'string' || value.length > 2_000 || hasUnsafeCharacter(value)) return null;
  let url: URL;
  try {
    if (origins.length > 0 && URL.canParse(value) && origins.includes(new URL(value).origin)) {
      const absolute = new URL(value);
      url = new URL(`${absolute.pathname}${absolute.search}${absolute.hash}`, BASE);
    } else {
      if (!value.startsWith('/') || value.startsWith('//')) return null;
      url = new URL(value, BASE);
    }
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  // `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as another host.
  if (url.pathname.startsWith('//') || escapes(url.pathname)) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** A path whose decoded form starts like another host (`/%2F%2Fevil`, `/%5Cevil`): something downstream may decode it. */
function escapes(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return true;
  }
  return decoded.startsWith('//') || hasUnsafeCharacter(decoded);
}
