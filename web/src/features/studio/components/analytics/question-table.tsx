import type { CourseAnalytics } from '@aula/domain';
import type { Dictionary } from '../../../../shared/i18n/dictionary.ts';
import { StudioTable } from '../studio-table.tsx';

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

/** Each question's difficulty, discrimination, choices per option (the key marked) and flags. */
export function QuestionTable({ a, t }: { a: CourseAnalytics; t: Dictionary }) {
  const x = t.studio.analytics;
  const q = x.questions;
  if (a.questions.length === 0) return <p>{q.empty}</p>;
  const flagged = a.questions.filter((each) => each.flags.length > 0).length;
  const lessonNumber = new Map(a.lessons.map((l, i) => [l.id, i + 1]));
  return (
    <>
      {flagged > 0 ? <p className="analytics__flagged">{q.flagged(flagged)}</p> : null}
      <StudioTable
        caption={q.caption}
        columns={[q.question, q.answered, q.difficulty, q.discrimination, q.options, q.flags]}
      >
        {a.questions.map((each) => (
          <tr key={each.id} className={each.flags.length > 0 ? 'analytics__row--flagged' : undefined}>
            <th scope="row" lang={a.language}>
              <span className="analytics__lesson-number">{`${lessonNumber.get(each.lessonId) ?? ''}. `}</span>
              {each.prompt}
            </th>
            <td data-label={q.answered}>{each.answered}</td>
            <td data-label={q.difficulty}>{x.percent(each.difficulty)}</td>
            <td data-label={q.discrimination}>{x.number(each.discrimination)}</td>
            <td data-label={q.options}>
              <ul className="analytics__options">
                {each.chosen.map((n, i) => (
                  <li
                    // biome-ignore lint/suspicious/noArrayIndexKey: options are fixed, in order.
                    key={i}
                    className={i === each.correctOption ? 'analytics__key' : undefined}
                    title={each.options[i]}
                  >
                    {q.optionLabel(LETTERS[i] ?? String(i + 1), n, i === each.correctOption)}
                  </li>
                ))}
              </ul>
            </td>
            <td data-label={q.flags}>
              {each.flags.length > 0 ? (
                <ul className="analytics__flags">
                  {each.flags.map((flag) => (
                    <li key={flag}>{q.flagNames[flag]}</li>
                  ))}
                </ul>
              ) : (
                x.none
              )}
            </td>
          </tr>
        ))}
      </StudioTable>
    </>
  );
}
