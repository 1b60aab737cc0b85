import Link from 'next/link';
import { formatDuration } from '../../../shared/format-duration.ts';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import { CourseCover } from '../../covers/components/course-cover.tsx';
import type { CourseCard as Course } from '../server/list-courses.ts';

/** One course in the catalogue; the whole card is clickable through its title link. */
export function CourseCard({ course, t }: { course: Course; t: Dictionary }) {
  return (
    <article className="card">
      <CourseCover course={course} t={t} width={480} sizes="(min-width: 60rem) 22rem, (min-width: 40rem) 45vw, 92vw" />
      <h3 className="card__title" lang={course.language}>
        <Link href={`/cursos/${course.slug}`}>{course.title}</Link>
      </h3>
      {course.summary ? (
        <p className="card__summary" lang={course.language}>
          {course.summary}
        </p>
      ) : null}
      <dl className="chips">
        <div>
          <dt>{t.course.language}</dt>
          <dd>{t.language.names[course.language]}</dd>
        </div>
        <div>
          <dt>{t.course.level}</dt>
          <dd>{t.levels[course.level]}</dd>
        </div>
        {course.minutes > 0 ? (
          <div>
            <dt>{t.course.duration}</dt>
            <dd>{formatDuration(course.minutes)}</dd>
          </div>
        ) : null}
      </dl>
    </article>
  );
}
