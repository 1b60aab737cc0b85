'use client';
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
        <span className="skeleton skeleton--title" />
        <span className="skeleton" />
        <span className="skeleton" />
        <span className="skeleton skeleton--short" />
      </div>
    </div>
  );
}
