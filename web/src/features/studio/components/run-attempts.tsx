'use client';
import type { RunAttempt } from '@aula/domain';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { failureCause } from '../plain-failure.ts';
import type { StudioRunView } from '../studio-run.ts';

/**
 * What each attempt of a retried run did, oldest first: how it ended and why (in plain words, in the
 * reader's language), then the attempt under way. Shown once a run has been retried.
 */
export function RunAttempts({ run }: { run: StudioRunView }) {
  const { locale, t } = useDictionary();
  const f = t.studio.flow;
  const history: RunAttempt[] = run.history ?? [];
  if (history.length === 0) return null;
  const time = new Intl.DateTimeFormat(locale, { dateStyle: 'short', timeStyle: 'medium' });
  const now =
    run.status === 'failed' || run.status === 'cancelled'
      ? f.attemptEnded[run.status]
      : run.status === 'completed'
        ? f.attemptCompleted
        : f.attemptRunning;
  return (
    <section className="run-attempts" aria-labelledby="run-attempts-title">
      <h3 id="run-attempts-title">{f.attemptsTitle}</h3>
      <ol>
        {history.map((attempt, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: attempts are numbered by their place, never reordered.
          <li key={i}>
            <strong>{f.attempt(i + 1)}</strong>: {f.attemptEnded[attempt.status]}
            {attempt.finishedAt ? (
              <>
                {' '}
                (
                <time dateTime={attempt.finishedAt} suppressHydrationWarning>
                  {time.format(new Date(attempt.finishedAt))}
                </time>
                )
              </>
            ) : null}
            {attempt.status === 'failed' ? `. ${t.studio.run.causes[failureCause(attempt.error)]}` : '.'}
          </li>
        ))}
        <li>
          <strong>{f.attemptNow(history.length + 1)}</strong>: {now}
          {run.status === 'failed' ? `. ${t.studio.run.causes[failureCause(run.error)]}` : '.'}
        </li>
      </ol>
    </section>
  );
}
