import Link from 'next/link';
import type { Dictionary, Locale } from '../../../shared/i18n/dictionary.ts';
import type { CourseListRow } from '../server/studio-api.ts';
import { StudioTable } from './studio-table.tsx';

/** Every course with its status, its latest run and when it last changed. */
export function CourseTable({ courses, t, locale }: { courses: CourseListRow[]; t: Dictionary; locale: Locale }) {
  const c = t.studio.courses;
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <StudioTable caption={c.title} columns={[c.course, c.status, c.lastRun, c.updated]}>
      {courses.map((course) => {
        const updated = course.date_updated ?? course.date_created;
        return (
          <tr key={course.id}>
            <th scope="row">
              <Link href={`/studio/cursos/${course.id}`}>{course.title}</Link>
              {course.topic && course.topic !== course.title ? (
                <span className="studio__topic">
                  {t.studio.flow.topic}: <q>{course.topic}</q>
                </span>
              ) : null}
            </th>
            <td data-label={c.status}>
              <span className={`run-status run-status--${course.status}`}>
                {t.studio.review.statuses[course.status]}
              </span>
            </td>
            <td data-label={c.lastRun}>
              {course.lastRun ? (
                <Link href={`/studio/runs/${course.lastRun.id}`}>
                  {t.studio.statuses[course.lastRun.status]}, {date.format(new Date(course.lastRun.date_created))}
                </Link>
              ) : (
                c.noRun
              )}
            </td>
            <td data-label={c.updated}>
              {updated ? <time dateTime={updated}>{date.format(new Date(updated))}</time> : '—'}
            </td>
          </tr>
        );
      })}
    </StudioTable>
  );
}
