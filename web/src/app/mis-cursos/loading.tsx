'use client';
import { useDictionary } from '../../shared/i18n/locale-context.tsx';

/** Shown while the student's courses and progress load. */
export default function MyCoursesLoading() {
  const { t } = useDictionary();
  return (
    <div aria-busy="true">
      <div className="page-intro">
        <h1>{t.myCourses.title}</h1>
        <p className="lead" role="status">
          {t.myCourses.loading}
        </p>
      </div>
      <ul className="my-courses" aria-hidden="true">
        {[0, 1].map((n) => (
          <li key={n} className="my-course-skeleton card--skeleton">
            <span className="skeleton skeleton--title" />
            <span className="skeleton" />
            <span className="skeleton skeleton--short" />
          </li>
        ))}
      </ul>
    </div>
  );
}
