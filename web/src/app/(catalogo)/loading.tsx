'use client';
import { useDictionary } from '../../shared/i18n/locale-context.tsx';

/** Shown while the catalogue loads (first visit and every search). */
export default function CatalogueLoading() {
  const { t } = useDictionary();
  return (
    <div aria-busy="true">
      <div className="page-intro">
        <h1>{t.catalogue.title}</h1>
        <p className="lead" role="status">
          {t.catalogue.loading}
        </p>
      </div>
      <ul className="course-grid" aria-hidden="true">
        {[0, 1, 2].map((n) => (
          <li key={n}>
            <div className="card card--skeleton">
              <span className="skeleton skeleton--title" />
              <span className="skeleton" />
              <span className="skeleton" />
              <span className="skeleton skeleton--short" />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
