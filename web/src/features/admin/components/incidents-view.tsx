import type { Dictionary, Locale } from '../../../shared/i18n/dictionary.ts';
import type { OpsAnswer, OpsEvent, OpsIncident } from '../server/ops-client.ts';

type T = Dictionary['admin']['incidents'];

const seconds = (from: string, to: string) => ((Date.parse(to) - Date.parse(from)) / 1000).toFixed(1);

function Timeline({ incident, events, t }: { incident: OpsIncident; events: OpsEvent[]; t: T }) {
  return (
    <ol className="admin-incident__timeline">
      {events.map((e) => (
        <li key={e.id}>
          <span className="admin-incident__offset">+{seconds(incident.openedAt, e.at)} s</span>{' '}
          <strong>{t.events[e.type as keyof T['events']] ?? e.type}</strong>{' '}
          <span className="admin-incident__actor">({e.actor})</span>
          <p className="admin-incident__text">{e.text}</p>
        </li>
      ))}
    </ol>
  );
}

/** The ops agent's incidents, newest first, each with its timeline and post-mortem (server-rendered). */
export function IncidentsView({ answer, t, locale }: { answer: OpsAnswer; t: T; locale: Locale }) {
  if (!answer.configured)
    return (
      <section className="admin-host" aria-labelledby="incidents-config">
        <h2 id="incidents-config">{t.notConfiguredTitle}</h2>
        <p>{t.notConfigured}</p>
      </section>
    );
  if (!answer.ok)
    return (
      <div role="alert" className="admin-host">
        <p>{t.unreachable}</p>
        <p className="admin-host__error">
          {t.technical}: {answer.error}
        </p>
      </div>
    );
  if (answer.incidents.length === 0) return <p>{t.empty}</p>;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'UTC' });
  return (
    <ul className="admin-incidents">
      {answer.incidents.map(({ incident, events }) => (
        <li key={incident.id}>
          <article
            className="admin-host admin-incident"
            aria-labelledby={`incident-${incident.id}`}
            data-incident={incident.id}
          >
            <h2 id={`incident-${incident.id}`}>
              #{incident.id} {incident.title}
            </h2>
            <p>
              <span className={`admin-incident__state admin-incident__state--${incident.state}`}>
                {t.states[incident.state]}
              </span>{' '}
              · {t.severities[incident.severity]} · {t.opened}{' '}
              <time dateTime={incident.openedAt}>{when.format(new Date(incident.openedAt))} UTC</time>
              {incident.closedAt ? <> · {t.closedAfter(seconds(incident.openedAt, incident.closedAt))}</> : null}
            </p>
            {incident.diagnosis ? (
              <p>
                <strong>{t.diagnosis}:</strong> {incident.diagnosis.diagnosis}{' '}
                <span className="admin-incident__actor">
                  ({incident.diagnosis.source === 'model' ? incident.diagnosis.model : t.byRule}, {t.confidence}{' '}
                  {incident.diagnosis.confidence.toFixed(2)}; {t.runbook} {incident.runbookId})
                </span>
              </p>
            ) : null}
            {incident.postmortem ? (
              <p className="admin-incident__postmortem">
                <strong>{t.postmortem}:</strong> {incident.postmortem[locale]}
              </p>
            ) : null}
            <details open={!incident.closedAt}>
              <summary>{t.timeline(events.length)}</summary>
              <Timeline incident={incident} events={events} t={t} />
            </details>
          </article>
        </li>
      ))}
    </ul>
  );
}
