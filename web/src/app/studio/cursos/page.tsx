import { COURSE_STATUSES } from '@aula/domain';
import type { Metadata } from 'next';
import { directusPublicUrl } from '../../../env.ts';
import { CourseTable } from '../../../features/studio/components/course-table.tsx';
import { NewCourseLink, StudioPage } from '../../../features/studio/components/studio-page.tsx';
import { courseFilterOf, filterCourses } from '../../../features/studio/course-filter.ts';
import { requireStaff } from '../../../features/studio/server/staff.ts';
import { listCourses } from '../../../features/studio/server/studio-api.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { orUnavailable } from '../../../shared/or-unavailable.ts';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.courses.title, robots: { index: false } };
}

/**
 * Every course in any state (draft, generating, in review, published, archived), with its latest run,
 * its requested topic, a search (title or topic, accents ignored) and a status filter (`?q=&estado=`;
 * a plain GET form, so it works without JavaScript and the filtered list has an address).
 */
export default async function StudioCoursesPage({ searchParams }: Props) {
  const token = await requireStaff('/studio/cursos');
  const { locale, t } = await getDictionary();
  const c = t.studio.courses;
  const f = t.studio.flow;
  const filter = courseFilterOf(await searchParams);
  const courses = await orUnavailable(listCourses({ token }));
  const shown = courses ? filterCourses(courses, filter) : null;
  const filtered = filter.q !== '' || filter.status !== null;
  return (
    <StudioPage
      back={{ href: '/studio', label: t.studio.run.back }}
      title={c.title}
      action={<NewCourseLink label={t.studio.newCourse} />}
      intro={
        <>
          {c.intro}{' '}
          <a href={`${directusPublicUrl}/admin/content/courses`} target="_blank" rel="noopener noreferrer">
            {c.dataStudio} <span className="sr-only">{t.studio.edit.dataStudioNote}</span>
          </a>
        </>
      }
    >
      {courses === null || shown === null ? (
        <p role="alert">{c.failed}</p>
      ) : courses.length === 0 ? (
        <p>{c.empty}</p>
      ) : (
        <>
          <search>
            <form method="get" action="/studio/cursos" className="course-filter">
              <div className="field">
                <label htmlFor="course-q">{f.search}</label>
                <input id="course-q" name="q" type="search" defaultValue={filter.q} placeholder={f.searchPlaceholder} />
              </div>
              <div className="field">
                <label htmlFor="course-status">{f.statusFilter}</label>
                <select id="course-status" name="estado" defaultValue={filter.status ?? ''}>
                  <option value="">{f.anyStatus}</option>
                  {COURSE_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {t.studio.review.statuses[status]}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button button--secondary">
                {f.apply}
              </button>
              {filtered ? <a href="/studio/cursos">{f.clear}</a> : null}
            </form>
          </search>
          <p className="course-filter__count" role="status">
            {f.found(shown.length)}
          </p>
          {shown.length === 0 ? <p>{f.noMatch}</p> : <CourseTable courses={shown} t={t} locale={locale} />}
        </>
      )}
    </StudioPage>
  );
}
