'use client';
import { LoadingIntro, SkeletonLines } from '../../shared/components/loading.tsx';
import { useDictionary } from '../../shared/i18n/locale-context.tsx';

/** Shown while the student's courses and progress load. */
export default function MyCoursesLoading() {
  const { t } = useDictionary();
  return (
    <div aria-busy="true">
      <LoadingIntro title={t.myCourses.title} text={t.myCourses.loading} />
      <ul className="my-courses" aria-hidden="true">
        {[0, 1].map((n) => (
          <li key={n} className="my-course-skeleton card--skeleton">
            <div className="cover cover--skeleton" />
            <SkeletonLines lines={1} />
          </li>
        ))}
      </ul>
    </div>
  );
}
