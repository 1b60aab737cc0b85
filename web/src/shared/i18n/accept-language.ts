import { DEFAULT_LOCALE, isLocale, type Locale } from './dictionary.ts';

/**
 * The UI language for a visitor who has not chosen one: the first of our languages the browser's
 * `Accept-Language` asks for, by its q-values (`en-GB;q=0.9` counts as `en`; `q=0` means "not this"),
 * Spanish when it names none of them or there is no header.
 */
export function fromAcceptLanguage(header: string | null | undefined): Locale {
  if (!header) return DEFAULT_LOCALE;
  const ranked: { locale: Locale; q: number; order: number }[] = [];
  const refused = new Set<string>();
  header.split(',').forEach((part, order) => {
    const [tag = '', ...params] = part.trim().split(';');
    const primary = tag.trim().toLowerCase().split('-')[0] ?? '';
    const qParam = params.map((p) => p.trim()).find((p) => p.toLowerCase().startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q < 0 || q > 1) return;
    if (q === 0) {
      refused.add(primary);
      return;
    }
    if (isLocale(primary)) ranked.push({ locale: primary, q, order });
  });
  const best = ranked.filter(({ locale }) => !refused.has(locale)).sort((a, b) => b.q - a.q || a.order - b.order)[0];
  return best?.locale ?? DEFAULT_LOCALE;
}

/** The visitor's UI language: their choice (the `aula_locale` cookie) first, else what the browser asks for. */
export function resolveLocale(cookie: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(cookie) ? cookie : fromAcceptLanguage(acceptLanguage);
}
