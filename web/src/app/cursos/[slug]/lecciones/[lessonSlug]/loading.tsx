'use client';
import { SkeletonLines } from '../../../../../shared/components/loading.tsx';
import { useDictionary } from '../../../../../shared/i18n/locale-context.tsx';

/** Shown while a lesson loads (its text, its quiz and the student's progress). */
export default function LessonLoading() {
  const { t } = useDictionary();
  return (
    <div aria-busy="true" className="lesson-page">
      <p role="status" className="lead">
        {t.lesson.loading}
      </p>
      <div aria-hidden="true" className="card--skeleton">
        <SkeletonLines lines={2} />
      </div>
    </div>
  );
}
