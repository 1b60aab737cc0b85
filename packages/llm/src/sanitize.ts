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
