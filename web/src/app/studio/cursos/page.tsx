import type { Metadata } from 'next';
import Link from 'next/link';
import { directusPublicUrl } from '../../../env.ts';
import { requireStaff } from '../../../features/studio/server/staff.ts';
import { type CourseListRow, listCourses } from '../../../features/studio/server/studio-api.ts';
import { DirectusError } from '../../../shared/directus.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';

export const dynamic = 'force-dynamic';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.courses.title, robots: { index: false } };
}

/** Every course in any state (draft, generating, in review, published, archived), with its latest run. */
export default async function StudioCoursesPage() {
  const token = await requireStaff('/studio/cursos');
  const { locale, t } = await getDictionary();
  const c = t.studio.courses;
  let courses: CourseListRow[] | null;
  try {
    courses = await listCourses({ token });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    courses = null;
  }
  const date = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'short' });
  return (
    <div className="container studio">
      <p className="studio__back">
        <Link href="/studio">{t.studio.run.back}</Link>
      </p>
      <div className="studio__head">
        <h1>{c.title}</h1>
        <Link href="/studio/nuevo" className="button">
          {t.studio.newCourse}
        </Link>
      </div>
      <p className="studio__intro">
        {c.intro}{' '}
        <a href={`${directusPublicUrl}/admin/content/courses`} target="_blank" rel="noopener noreferrer">
          {c.dataStudio} <span className="sr-only">{t.studio.edit.dataStudioNote}</span>
        </a>
      </p>
      {courses === null ? (
        <p role="alert">{c.failed}</p>
      ) : courses.length === 0 ? (
        <p>{c.empty}</p>
      ) : (
        <div className="table-scroll">
          <table className="studio-table">
            <caption className="sr-only">{c.title}</caption>
            <thead>
              <tr>
                <th scope="col">{c.course}</th>
                <th scope="col">{c.status}</th>
                <th scope="col">{c.lastRun}</th>
                <th scope="col">{c.updated}</th>
              </tr>
            </thead>
            <tbody>
              {courses.map((course) => {
                const updated = course.date_updated ?? course.date_created;
                return (
                  <tr key={course.id}>
                    <th scope="row">
                      <Link href={`/studio/cursos/${course.id}`}>{course.title}</Link>
                    </th>
                    <td>
                      <span className={`run-status run-status--${course.status}`}>
                        {t.studio.review.statuses[course.status]}
                      </span>
                    </td>
                    <td>
                      {course.lastRun ? (
                        <Link href={`/studio/runs/${course.lastRun.id}`}>
                          {t.studio.statuses[course.lastRun.status]},{' '}
                          {date.format(new Date(course.lastRun.date_created))}
                        </Link>
                      ) : (
                        c.noRun
                      )}
                    </td>
                    <td>{updated ? <time dateTime={updated}>{date.format(new Date(updated))}</time> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
