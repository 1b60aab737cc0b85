import type { Metadata } from 'next';
import { directusPublicUrl } from '../../../env.ts';
import { CourseTable } from '../../../features/studio/components/course-table.tsx';
import { NewCourseLink, StudioPage } from '../../../features/studio/components/studio-page.tsx';
import { requireStaff } from '../../../features/studio/server/staff.ts';
import { listCourses } from '../../../features/studio/server/studio-api.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { orUnavailable } from '../../../shared/or-unavailable.ts';

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
  const courses = await orUnavailable(listCourses({ token }));
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
      {courses === null ? (
        <p role="alert">{c.failed}</p>
      ) : courses.length === 0 ? (
        <p>{c.empty}</p>
      ) : (
        <CourseTable courses={courses} t={t} locale={locale} />
      )}
    </StudioPage>
  );
}
