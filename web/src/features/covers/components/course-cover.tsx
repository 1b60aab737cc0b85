import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import { type CoverWidth, coverSrcSet, coverUrl } from '../cover-url.ts';

/**
 * A course's cover, at its 1200 × 630 shape (the box is reserved before the image loads: no layout
 * shift). Its alt text names the course in the reader's language; `sizes` tells the browser how wide
 * it is drawn so it fetches the right width.
 */
export function CourseCover({
  course,
  t,
  sizes,
  priority = false,
  width = 640,
}: {
  course: { slug: string; title: string; cover: string | null };
  t: Dictionary;
  sizes: string;
  /** The largest image above the fold: fetched at once instead of lazily. */
  priority?: boolean;
  width?: CoverWidth;
}) {
  return (
    // biome-ignore lint/performance/noImgElement: the cover route resizes and caches; next/image would do it twice.
    <img
      className="cover"
      src={coverUrl(course.slug, width, course.cover)}
      srcSet={coverSrcSet(course.slug, course.cover)}
      sizes={sizes}
      alt={t.course.coverAlt(course.title)}
      width={1200}
      height={630}
      loading={priority ? 'eager' : 'lazy'}
      decoding="async"
      {...(priority ? { fetchPriority: 'high' as const } : {})}
    />
  );
}
