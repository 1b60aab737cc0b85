import type { CourseAnalytics } from '@aula/domain';
import type { Dictionary } from '../../../../shared/i18n/dictionary.ts';
import { StudioTable } from '../studio-table.tsx';
import { BarChart } from './bar-chart.tsx';
import { ColumnChart } from './column-chart.tsx';
import { QuestionTable } from './question-table.tsx';

/** How many hotspots the chart shows (the table lists them all). */
const TOP_HOTSPOTS = 10;

/**
 * The analytics of one course, drawn on the server: a summary, enrolments over time, the completion
 * funnel, quiz pass rates, each question's statistics and the struggle hotspots; each chart with its
 * table (decision 019).
 */
export function CourseAnalyticsView({ a, t }: { a: CourseAnalytics; t: Dictionary }) {
  const x = t.studio.analytics;
  const share = (n: number, of: number) => (of === 0 ? null : n / of);
  const withQuiz = a.lessons.filter((l) => l.quiz);
  return (
    <>
      <section aria-labelledby="resumen">
        <h2 id="resumen">{x.summary.heading}</h2>
        <dl className="analytics__summary">
          <div>
            <dt>{x.summary.enrolled}</dt>
            <dd>{a.enrolments.total}</dd>
          </div>
          <div>
            <dt>{x.summary.completed}</dt>
            <dd>{a.enrolments.completed}</dd>
          </div>
          <div>
            <dt>{x.summary.activeStudents}</dt>
            <dd>{a.time.students}</dd>
          </div>
          <div>
            <dt>{x.summary.medianTime}</dt>
            <dd>{x.minutes(a.time.medianMinutes)}</dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="matriculas">
        <h2 id="matriculas">{x.enrolments.heading}</h2>
        {a.enrolments.series.length === 0 ? (
          <p>{x.enrolments.empty}</p>
        ) : (
          <ColumnChart
            id="chart-enrolments"
            title={x.enrolments[a.enrolments.unit]}
            showData={x.showData}
            points={a.enrolments.series.map((p) => ({ label: p.period, value: p.count }))}
            table={
              <StudioTable
                caption={x.enrolments[a.enrolments.unit]}
                columns={[x.enrolments.period, x.enrolments.count]}
              >
                {a.enrolments.series.map((p) => (
                  <tr key={p.period}>
                    <th scope="row">{p.period}</th>
                    <td data-label={x.enrolments.count}>{p.count}</td>
                  </tr>
                ))}
              </StudioTable>
            }
          />
        )}
      </section>

      <section aria-labelledby="embudo">
        <h2 id="embudo">{x.funnel.heading}</h2>
        <BarChart
          id="chart-funnel"
          title={x.funnel.chart}
          showData={x.showData}
          series={[x.funnel.completed]}
          max={a.enrolments.total}
          rows={a.lessons.map((l, i) => ({
            label: `${i + 1}. ${l.title}`,
            values: [
              { value: l.completed, text: `${l.completed} (${x.percent(share(l.completed, a.enrolments.total))})` },
            ],
          }))}
          table={
            <StudioTable
              caption={x.funnel.chart}
              columns={[x.funnel.lesson, x.funnel.completed, x.funnel.share, x.funnel.time]}
            >
              {a.lessons.map((l, i) => (
                <tr key={l.id}>
                  <th scope="row" lang={a.language}>{`${i + 1}. ${l.title}`}</th>
                  <td data-label={x.funnel.completed}>{l.completed}</td>
                  <td data-label={x.funnel.share}>{x.percent(share(l.completed, a.enrolments.total))}</td>
                  <td data-label={x.funnel.time}>{x.minutes(l.medianMinutes)}</td>
                </tr>
              ))}
            </StudioTable>
          }
        />
        <p className="analytics__note">{x.funnel.timeNote}</p>
      </section>

      <section aria-labelledby="cuestionarios">
        <h2 id="cuestionarios">{x.quizzes.heading}</h2>
        <BarChart
          id="chart-quizzes"
          title={x.quizzes.chart}
          showData={x.showData}
          series={[x.quizzes.rate]}
          max={1}
          rows={withQuiz.map((l) => {
            const rate = share(l.quiz?.passed ?? 0, l.quiz?.students ?? 0);
            return {
              label: `${a.lessons.indexOf(l) + 1}. ${l.title}`,
              values: [
                { value: rate ?? 0, text: `${x.percent(rate)} (${l.quiz?.passed ?? 0}/${l.quiz?.students ?? 0})` },
              ],
            };
          })}
          table={
            <StudioTable
              caption={x.quizzes.chart}
              columns={[
                x.quizzes.quiz,
                x.quizzes.students,
                x.quizzes.attempts,
                x.quizzes.passed,
                x.quizzes.rate,
                x.quizzes.first,
                x.quizzes.mean,
              ]}
            >
              {withQuiz.map((l) => {
                const q = l.quiz;
                if (!q) return null;
                return (
                  <tr key={l.id}>
                    <th scope="row" lang={a.language}>{`${a.lessons.indexOf(l) + 1}. ${l.title}`}</th>
                    <td data-label={x.quizzes.students}>{q.students}</td>
                    <td data-label={x.quizzes.attempts}>{q.attempts}</td>
                    <td data-label={x.quizzes.passed}>{q.passed}</td>
                    <td data-label={x.quizzes.rate}>{x.percent(share(q.passed, q.students))}</td>
                    <td data-label={x.quizzes.first}>{q.firstAttemptPassed}</td>
                    <td data-label={x.quizzes.mean}>{x.number(q.firstAttemptMeanScore, 1)}</td>
                  </tr>
                );
              })}
            </StudioTable>
          }
        />
        <p className="analytics__note">{x.quizzes.note}</p>
      </section>

      <section aria-labelledby="preguntas">
        <h2 id="preguntas">{x.questions.heading}</h2>
        <p className="analytics__note">{x.questions.note}</p>
        <QuestionTable a={a} t={t} />
      </section>

      <section aria-labelledby="puntos-dificultad">
        <h2 id="puntos-dificultad">{x.hotspots.heading}</h2>
        <p className="analytics__note">{x.hotspots.note}</p>
        {a.hotspots.length === 0 ? (
          <p>{x.hotspots.empty}</p>
        ) : (
          <BarChart
            id="chart-hotspots"
            title={x.hotspots.chart}
            showData={x.showData}
            series={[x.hotspots.wrong, x.hotspots.tutor]}
            rows={a.hotspots.slice(0, TOP_HOTSPOTS).map((h) => ({
              label: h.heading,
              values: [
                { value: h.wrongAnswers, text: String(h.wrongAnswers) },
                { value: h.tutorQuestions, text: String(h.tutorQuestions) },
              ],
            }))}
            table={<HotspotTable a={a} t={t} />}
          />
        )}
        {a.hotspots.length > 0 ? <HotspotTable a={a} t={t} visible /> : null}
      </section>
      <p className="analytics__note">{x.computedIn(a.queryMs)}</p>
    </>
  );
}

/** The hotspots side by side, each with a link to its section and to the lesson's regeneration in the review. */
function HotspotTable({ a, t, visible = false }: { a: CourseAnalytics; t: Dictionary; visible?: boolean }) {
  const x = t.studio.analytics.hotspots;
  return (
    <StudioTable
      caption={x.chart}
      columns={visible ? [x.section, x.lesson, x.wrong, x.tutor, x.actions] : [x.section, x.lesson, x.wrong, x.tutor]}
    >
      {a.hotspots.map((h) => (
        <tr key={`${h.lessonId}#${h.anchor}`}>
          <th scope="row" lang={a.language}>
            {h.heading}
          </th>
          <td data-label={x.lesson} lang={a.language}>
            {h.lessonTitle}
          </td>
          <td data-label={x.wrong}>{h.wrongAnswers}</td>
          <td data-label={x.tutor}>{h.tutorQuestions}</td>
          {visible ? (
            <td data-label={x.actions}>
              <a
                href={`/cursos/${a.courseSlug}/lecciones/${h.lessonSlug}#${h.anchor}`}
                aria-label={`${x.read}: ${h.heading}`}
              >
                {x.read}
              </a>
              {' · '}
              <a
                href={`/studio/cursos/${a.courseId}#leccion-${h.lessonId}`}
                aria-label={`${x.regenerate}: ${h.lessonTitle}`}
              >
                {x.regenerate}
              </a>
            </td>
          ) : null}
        </tr>
      ))}
    </StudioTable>
  );
}
