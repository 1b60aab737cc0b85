'use client';
import type { ProposalView } from '@aula/domain';
import Link from 'next/link';
import { LevelOptions } from '../../../shared/components/level-options.tsx';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import type { Busy, Problem } from '../hooks/use-proposals.ts';

const isWebLink = (url: string) => /^https?:\/\//i.test(url);

/** One proposal: its facts, why now, its sources; a new one with its accept form and dismiss button. */
export function ProposalCard({
  proposal,
  busy,
  mine,
  accept,
  dismiss,
}: {
  proposal: ProposalView;
  busy: Busy;
  /** The problem of this proposal's last action, if any. */
  mine: Problem | null;
  accept: (proposal: ProposalView, form: HTMLFormElement) => Promise<void>;
  dismiss: (proposal: ProposalView) => Promise<void>;
}) {
  const { t } = useDictionary();
  const p = t.studio.proposals;
  const fieldId = `lessons-${proposal.id}`;
  const working = busy?.id === proposal.id;
  return (
    <article className="proposal" aria-labelledby={`proposal-${proposal.id}`}>
      <h3 id={`proposal-${proposal.id}`} tabIndex={-1}>
        {proposal.title}
      </h3>
      <dl className="proposal__facts">
        <div>
          <dt>{p.audience}</dt>
          <dd>{proposal.audience ?? '—'}</dd>
        </div>
        <div>
          <dt>{p.language}</dt>
          <dd>{t.language.names[proposal.language]}</dd>
        </div>
        <div>
          <dt>{p.score}</dt>
          <dd>{proposal.score === null ? p.noScore : p.scoreValue(proposal.score)}</dd>
        </div>
      </dl>
      {proposal.rationale ? (
        <>
          <h4>{p.whyNow}</h4>
          <p>{proposal.rationale}</p>
        </>
      ) : null}
      <h4>{p.sources}</h4>
      {proposal.sourceLinks.length === 0 ? (
        <p>{p.noSources}</p>
      ) : (
        <ul className="proposal__sources">
          {proposal.sourceLinks.map((url) => (
            <li key={url}>
              {isWebLink(url) ? (
                <a href={url} target="_blank" rel="noopener noreferrer">
                  {url} <span className="sr-only">{p.newTab}</span>
                </a>
              ) : (
                url
              )}
            </li>
          ))}
        </ul>
      )}
      {proposal.courseId ? (
        <p>
          <Link href={`/studio/cursos/${proposal.courseId}`}>{p.seeCourse}</Link>
        </p>
      ) : null}
      {mine && !mine.field ? (
        <p role="alert" className="form__message">
          {mine.message}
        </p>
      ) : null}
      {proposal.status === 'new' ? (
        <form
          className="proposal__actions"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (!busy) void accept(proposal, event.currentTarget);
          }}
        >
          <div className={mine?.field ? 'field field--invalid' : 'field'}>
            <label htmlFor={fieldId}>{p.lessonCount}</label>
            {mine?.field ? (
              <p id={`${fieldId}-problem`} className="field__problem">
                {mine.message}
              </p>
            ) : null}
            <input
              id={fieldId}
              name="lessonCount"
              type="number"
              inputMode="numeric"
              min={1}
              max={20}
              defaultValue="3"
              aria-invalid={mine?.field ? true : undefined}
              aria-describedby={mine?.field ? `${fieldId}-problem ${fieldId}-hint` : `${fieldId}-hint`}
            />
            <p id={`${fieldId}-hint`} className="field__hint">
              {p.lessonCountHint}
            </p>
          </div>
          <div className="field">
            <label htmlFor={`level-${proposal.id}`}>{t.studio.request.level}</label>
            <select id={`level-${proposal.id}`} name="level" defaultValue="beginner">
              <LevelOptions t={t} />
            </select>
          </div>
          <button type="submit" className="button" aria-disabled={working || undefined}>
            {working && busy?.action === 'accept' ? p.accepting : p.accept}
          </button>
          <button
            type="button"
            className="button button--secondary"
            aria-disabled={working || undefined}
            onClick={() => {
              if (!busy) void dismiss(proposal);
            }}
          >
            {working && busy?.action === 'dismiss' ? p.dismissing : p.dismiss}
          </button>
        </form>
      ) : null}
    </article>
  );
}
