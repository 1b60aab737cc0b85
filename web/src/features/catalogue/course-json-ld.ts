/** What a course page tells search engines about its course (schema.org `Course`). */
export type CourseJsonLdInput = {
  title: string;
  summary: string;
  language: string;
  /** The course page's absolute URL, when the site knows its public address. */
  url: string | null;
  /** The cover's absolute URL, when known. */
  image: string | null;
  siteName: string;
  siteUrl: string | null;
};

export function courseJsonLd(course: CourseJsonLdInput): Record<string, unknown> {
  return {
    '@context': 'https://schema.org',
    '@type': 'Course',
    name: course.title,
    description: course.summary || course.title,
    inLanguage: course.language,
    ...(course.url ? { url: course.url } : {}),
    ...(course.image ? { image: course.image } : {}),
    provider: { '@type': 'Organization', name: course.siteName, ...(course.siteUrl ? { sameAs: course.siteUrl } : {}) },
    isAccessibleForFree: true,
  };
}

/**
 * JSON for inside `<script type="application/ld+json">`: `<`, `>` and `&` as \u escapes (still the
 * same JSON), so no title can close the script tag (`</script>`) or open a comment (`<!--`); U+2028
 * and U+2029 too, which old parsers take for line ends.
 */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}
