import Link from 'next/link';
import { formatDuration } from '../../../shared/format-duration.ts';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import type { CourseProgress } from '../../learning/server/course-api.ts';
import type { CourseDetail } from '../server/get-course.ts';

/**
 * Modules → lessons, each with its time and learning objectives. Lessons' text is for enrolled
 * students only: for them (`progress` given) each title links to its lesson and read ones are marked.
 */
export function CourseOutline({
  course,
  t,
  progress,
}: {
  course: CourseDetail;
  t: Dictionary;
  progress?: CourseProgress | undefined;
}) {
  const done = new Set(progress?.lessonsDone ?? []);
  return (
    <section aria-labelledby="outline-title" className="outline">
      <h2 id="outline-title">{t.course.outline}</h2>
      {course.lessonCount === 0 ? <p>{t.course.emptyOutline}</p> : null}
      <ol className="outline__modules">
        {course.modules.map((mod, index) => (
          <li key={mod.title} className="module">
            <div className="module__header">
              <p className="module__eyebrow">{t.course.module(index + 1)}</p>
              <h3 lang={course.language}>{mod.title}</h3>
              <p className="module__meta">
                {t.course.lessons(mod.lessons.length)} · {formatDuration(mod.minutes)}
              </p>
              {mod.summary ? (
                <p className="module__summary" lang={course.language}>
                  {mod.summary}
                </p>
              ) : null}
            </div>
            <ol className="lessons">
              {mod.lessons.map((lesson) => (
                <li key={lesson.slug} className={done.has(lesson.id) ? 'lesson lesson--done' : 'lesson'}>
                  <div className="lesson__header">
                    <h4 lang={course.language}>
                      {progress ? (
                        <Link href={`/cursos/${course.slug}/lecciones/${lesson.slug}`}>{lesson.title}</Link>
                      ) : (
                        lesson.title
                      )}
                    </h4>
                    {done.has(lesson.id) ? <span className="badge badge--done">{t.enrol.readMark}</span> : null}
                    {lesson.minutes > 0 ? (
                      <span className="lesson__minutes">{formatDuration(lesson.minutes)}</span>
                    ) : null}
                  </div>
                  {lesson.objectives.length > 0 ? (
                    <>
                      <p className="lesson__objectives-label">{t.course.objectives}</p>
                      <ul className="lesson__objectives" lang={course.language}>
                        {lesson.objectives.map((objective) => (
                          <li key={objective}>{objective}</li>
                        ))}
                      </ul>
                    </>
                  ) : null}
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </section>
  );
}
