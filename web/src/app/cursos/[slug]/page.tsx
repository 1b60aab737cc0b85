import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { notFound } from 'next/navigation';
import type { SearchParams } from '../../../features/catalogue/catalogue-filters.ts';
import { CourseOutline } from '../../../features/catalogue/components/course-outline.tsx';
import { courseJsonLd, scriptSafeJson } from '../../../features/catalogue/course-json-ld.ts';
import { type CourseDetail, getCourse } from '../../../features/catalogue/server/get-course.ts';
import { CourseCover } from '../../../features/covers/components/course-cover.tsx';
import { EnrolBox } from '../../../features/learning/components/enrol-box.tsx';
import { getEnrolment } from '../../../features/learning/server/get-enrolment.ts';
import { Breadcrumb } from '../../../shared/components/breadcrumb.tsx';
import { Unavailable } from '../../../shared/components/unavailable.tsx';
import { DirectusError } from '../../../shared/directus.ts';
import { absoluteUrl, publicUrl } from '../../../shared/edge/public-url.ts';
import { formatDuration } from '../../../shared/format-duration.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> };

/** The cover at this width (the covers' own route), for link previews and search results. */
const COVER_WIDTH = 1200;
const coverPath = (slug: string) => `${coursePath(slug)}/portada?w=${COVER_WIDTH}`;
const coursePath = (slug: string) => `/cursos/${encodeURIComponent(slug)}`;

/**
 * What search engines and link previews read: the canonical address on the site's public URL (never
 * the Host the request named, see publicUrl), Open Graph and Twitter cards with the cover.
 */
export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const course = await getCourse(await params).catch(() => null);
  if (!course) return {};
  const sent = await headers();
  const { t } = await getDictionary();
  const url = absoluteUrl(sent, coursePath(course.slug));
  const image = absoluteUrl(sent, coverPath(course.slug));
  const description = course.summary || course.title;
  const images = image ? [{ url: image, alt: course.title }] : undefined;
  return {
    title: course.title,
    description,
    ...(url ? { alternates: { canonical: url } } : {}),
    openGraph: {
      type: 'website',
      siteName: t.site.name,
      title: course.title,
      description,
      locale: course.language,
      ...(url ? { url } : {}),
      ...(images ? { images } : {}),
    },
    twitter: {
      card: image ? 'summary_large_image' : 'summary',
      title: course.title,
      description,
      ...(images ? { images } : {}),
    },
  };
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
  const sent = await headers();
  const jsonLd = courseJsonLd({
    title: course.title,
    summary: course.summary,
    language: course.language,
    url: absoluteUrl(sent, coursePath(course.slug)),
    image: absoluteUrl(sent, coverPath(course.slug)),
    siteName: t.site.name,
    siteUrl: publicUrl(sent),
  });

  const facts: [term: string, value: string][] = [
    [t.course.level, t.levels[course.level]],
    [t.course.language, t.language.names[course.language]],
    [t.course.duration, `${formatDuration(course.minutes)} · ${t.course.lessons(course.lessonCount)}`],
    ...(course.audience ? [[t.course.audience, course.audience] as [string, string]] : []),
  ];

  return (
    <article className="course">
      <script
        type="application/ld+json"
        // biome-ignore lint/security/noDangerouslySetInnerHtml: scriptSafeJson escapes <, > and &, so no course text can end the script.
        dangerouslySetInnerHTML={{ __html: scriptSafeJson(jsonLd) }}
      />
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
