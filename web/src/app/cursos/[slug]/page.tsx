import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import type { SearchParams } from '../../../features/catalogue/catalogue-filters.ts';
import { CourseOutline } from '../../../features/catalogue/components/course-outline.tsx';
import { type CourseDetail, getCourse } from '../../../features/catalogue/server/get-course.ts';
import { CourseCover } from '../../../features/covers/components/course-cover.tsx';
import { EnrolBox } from '../../../features/learning/components/enrol-box.tsx';
import { getEnrolment } from '../../../features/learning/server/get-enrolment.ts';
import { Breadcrumb } from '../../../shared/components/breadcrumb.tsx';
import { Unavailable } from '../../../shared/components/unavailable.tsx';
import { DirectusError } from '../../../shared/directus.ts';
import { formatDuration } from '../../../shared/format-duration.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const course = await getCourse(await params).catch(() => null);
  return course ? { title: course.title, description: course.summary } : {};
}

export default async function CoursePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { aviso } = await searchParams;
  const { t } = await getDictionary();

  let course: CourseDetail | null;
  try {
    course = await getCourse({ slug });
  } catch (error) {
    if (error instanceof DirectusError)
      return <Unavailable t={t} heading="h1" retryHref={`/cursos/${encodeURIComponent(slug)}`} />;
    throw error;
  }
  if (!course) notFound();
  const enrolment = await getEnrolment({ courseId: course.id });

  const facts: [term: string, value: string][] = [
    [t.course.level, t.levels[course.level]],
    [t.course.language, t.language.names[course.language]],
    [t.course.duration, `${formatDuration(course.minutes)} · ${t.course.lessons(course.lessonCount)}`],
    ...(course.audience ? [[t.course.audience, course.audience] as [string, string]] : []),
  ];

  return (
    <article className="course">
      <Breadcrumb
        label={t.course.breadcrumb}
        crumbs={[{ label: t.site.courses, href: '/' }, { label: course.title }]}
      />
      {aviso === 'inscribete' && enrolment.state !== 'enrolled' ? (
        <p className="notice notice--info">{t.enrol.mustEnrol}</p>
      ) : null}
      <header className="course__header" lang={course.language}>
        <h1>{course.title}</h1>
        {course.summary ? <p className="lead">{course.summary}</p> : null}
      </header>
      {/* The call to action right under the title: on a phone, on the first screen. */}
      <EnrolBox course={course} enrolment={enrolment} t={t} />
      <CourseCover course={course} t={t} width={960} sizes="(min-width: 52rem) 48rem, 92vw" priority />
      <section aria-labelledby="facts-title" className="facts-box">
        <h2 id="facts-title" className="sr-only">
          {t.course.facts}
        </h2>
        <dl className="facts">
          {facts.map(([term, value]) => (
            <div key={term}>
              <dt>{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
      <CourseOutline course={course} t={t} progress={enrolment.state === 'enrolled' ? enrolment.progress : undefined} />
    </article>
  );
}
