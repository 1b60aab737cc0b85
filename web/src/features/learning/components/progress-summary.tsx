import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import type { CourseProgress } from '../server/course-api.ts';

/** Percent done (a native progress bar), lessons read and quizzes passed. */
export function ProgressSummary({ progress, t, label }: { progress: CourseProgress; t: Dictionary; label: string }) {
  const percent = Math.round(progress.percent);
  return (
    <div className="progress-summary">
      <p className="progress-summary__percent">{t.progress.percent(percent)}</p>
      <progress className="meter" max={100} value={percent} aria-label={label}>
        {percent} %
      </progress>
      <ul className="progress-summary__facts">
        <li>{t.progress.lessonsRead(progress.lessonsDone.length, progress.lessonsTotal)}</li>
        {progress.quizzesTotal > 0 ? (
          <li>{t.progress.quizzesPassed(progress.quizzesPassed, progress.quizzesTotal)}</li>
        ) : null}
      </ul>
    </div>
  );
}
