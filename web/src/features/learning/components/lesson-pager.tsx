import Link from 'next/link';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';

type Neighbour = { slug: string; title: string } | undefined;

/** Previous and next lesson, in reading order across modules. */
export function LessonPager({
  courseSlug,
  previous,
  next,
  language,
  t,
}: {
  courseSlug: string;
  previous: Neighbour;
  next: Neighbour;
  language: string;
  t: Dictionary;
}) {
  if (!previous && !next) return null;
  return (
    <nav aria-label={t.lesson.pager} className="pager">
      {previous ? (
        <Link href={`/cursos/${courseSlug}/lecciones/${previous.slug}`} className="pager__link" rel="prev">
          <span className="pager__label">← {t.lesson.previous}</span>
          <span lang={language}>{previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next ? (
        <Link
          href={`/cursos/${courseSlug}/lecciones/${next.slug}`}
          className="pager__link pager__link--next"
          rel="next"
        >
          <span className="pager__label">{t.lesson.next} →</span>
          <span lang={language}>{next.title}</span>
        </Link>
      ) : null}
    </nav>
  );
}
