import type { Metadata } from 'next';
import Link from 'next/link';
import {
  catalogueHref,
  hasFilters,
  parseCatalogueFilters,
  type SearchParams,
} from '../../features/catalogue/catalogue-filters.ts';
import { CourseCard } from '../../features/catalogue/components/course-card.tsx';
import { SearchForm } from '../../features/catalogue/components/search-form.tsx';
import { Welcome } from '../../features/catalogue/components/welcome.tsx';
import { type CourseCard as Course, listCourses } from '../../features/catalogue/server/list-courses.ts';
import { Unavailable } from '../../shared/components/unavailable.tsx';
import { DirectusError } from '../../shared/directus.ts';
import { getDictionary } from '../../shared/i18n/get-locale.ts';
import { getCurrentUser } from '../../shared/session/get-current-user.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.catalogue.title };
}

export default async function CataloguePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = parseCatalogueFilters(await searchParams);
  const { t } = await getDictionary();
  const user = await getCurrentUser();

  let courses: Course[] | null;
  try {
    courses = await listCourses({ filters });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    courses = null;
  }

  return (
    <>
      <div className="page-intro">
        <h1>{t.catalogue.title}</h1>
        <p className="lead">{t.catalogue.intro}</p>
      </div>
      {user ? null : <Welcome t={t} />}
      <SearchForm t={t} filters={filters} />
      {courses === null ? (
        <Unavailable t={t} retryHref={catalogueHref(filters)} />
      ) : (
        <section aria-labelledby="results-title" className="results">
          <div className="results__header">
            <h2 id="results-title">{t.catalogue.results(courses.length)}</h2>
            {hasFilters(filters) ? <Link href="/">{t.catalogue.clear}</Link> : null}
          </div>
          {courses.length === 0 ? (
            <div className="empty">
              <p className="empty__title">{t.catalogue.empty}</p>
              <p>{t.catalogue.emptyHint}</p>
            </div>
          ) : (
            <ul className="course-grid">
              {courses.map((course) => (
                <li key={course.slug}>
                  <CourseCard course={course} t={t} />
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
