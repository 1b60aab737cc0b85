'use client';
import { LoadingIntro, SkeletonLines } from '../../shared/components/loading.tsx';
import { useDictionary } from '../../shared/i18n/locale-context.tsx';

/** Shown while the catalogue loads (first visit and every search). */
export default function CatalogueLoading() {
  const { t } = useDictionary();
  return (
    <div aria-busy="true">
      <LoadingIntro title={t.catalogue.title} text={t.catalogue.loading} />
      <ul className="course-grid" aria-hidden="true">
        {[0, 1, 2].map((n) => (
          <li key={n}>
            <div className="card card--skeleton">
              <div className="cover cover--skeleton" />
              <SkeletonLines lines={2} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
