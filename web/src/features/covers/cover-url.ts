/**
 * The public address of a course's cover (`GET /cursos/<slug>/portada?w=<width>`), the one every page,
 * link preview (og:image) and the sitemap use. Widths are snapped to a few sizes (cover-request.ts), so
 * the caches hold a handful of copies per course, not one per pixel.
 */
export function coverUrl(slug: string, width: CoverWidth = 640, version?: string | null): string {
  const params = new URLSearchParams({ w: String(width) });
  // A new cover gets a new address, so a browser never keeps showing the old one.
  if (version) params.set('v', version);
  return `/cursos/${encodeURIComponent(slug)}/portada?${params}`;
}

export const COVER_WIDTHS = [320, 480, 640, 960, 1200] as const;
export type CoverWidth = (typeof COVER_WIDTHS)[number];

/** The `srcset` of a cover: every width, the browser picks. */
export function coverSrcSet(slug: string, version?: string | null): string {
  return COVER_WIDTHS.map((w) => `${coverUrl(slug, w, version)} ${w}w`).join(', ');
}

/** The smallest listed width at least `asked` wide (the largest when none is). */
export function snapWidth(asked: number): CoverWidth {
  return COVER_WIDTHS.find((w) => w >= asked) ?? 1200;
}
