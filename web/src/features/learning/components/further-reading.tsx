import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import type { Reading } from '../readings.ts';

/**
 * "Para saber más" below a lesson: its checked, working references (a broken one is hidden by the
 * workers' re-check), each opening in a new tab without handing the page over (`noopener`) nor saying
 * where the student came from (`noreferrer`). Nothing when the lesson has none.
 */
export function FurtherReading({ readings, language, t }: { readings: Reading[]; language: string; t: Dictionary }) {
  if (readings.length === 0) return null;
  return (
    <section className="readings" aria-labelledby="lesson-readings-title">
      <h2 id="lesson-readings-title">{t.lesson.furtherReading}</h2>
      <p className="readings__intro">{t.lesson.furtherReadingIntro}</p>
      <ul className="readings__list">
        {readings.map((reading) => (
          <li key={reading.url} className="reading">
            <a className="reading__link" href={reading.url} target="_blank" rel="noopener noreferrer">
              <span lang={language}>{reading.title}</span>
              <span className="sr-only"> {t.lesson.opensInNewTab}</span>
            </a>
            <span className="reading__site">{reading.site}</span>
            {reading.why ? (
              <p className="reading__why" lang={language}>
                {reading.why}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
