import { decodeHTML } from 'entities';

/**
 * Untrusted text (a page or feed title, an agent's summary) as one plain line: no tags, HTML
 * entities decoded once (`&oacute;`, `&#243;` and `&#xF3;` are all "ó", `&amp;amp;` stays "&amp;"),
 * no control or bidi-override characters, collapsed whitespace, at most `max` characters.
 */
export function plainText(value: unknown, max: number): string {
  const text = decodeHTML(
    String(value ?? '')
      .replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' ')
      .replace(/<[^>]*>/g, ' '),
  )
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ') // control, zero-width and bidi-override characters
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}
