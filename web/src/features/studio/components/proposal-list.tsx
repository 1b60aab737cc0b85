'use client';
import { LEVELS, type Level, type ProposalStatus, type ProposalView } from '@aula/domain';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { lessonCountOf } from '../estimate.ts';
import { callStudio } from '../hooks/save-call.ts';

type Busy = { id: string; action: 'accept' | 'dismiss' } | null;
type Problem = { id: string; field?: 'lessonCount'; message: string };

const isWebLink = (url: string) => /^https?:\/\//i.test(url);

/**
 * The proposals in one state. New ones can be accepted (a course request with the lesson count and
 * level given here; then straight to its run) or dismissed (gone from the list, said to screen readers,
 * focus on the next proposal).
 */
export function ProposalList({ initial, status }: { initial: ProposalView[]; status: ProposalStatus }) {
  const { t } = useDictionary();
  const p = t.studio.proposals;
  const router = useRouter();
  const [proposals, setProposals] = useState(initial);
  const [busy, setBusy] = useState<Busy>(null);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const listRef = useRef<HTMLDivElement>(null);

  function failure(id: string, answer: { message: string; fields: string[] }, status: number | undefined) {
    if (answer.fields.includes('lessonCount'))
      return { id, field: 'lessonCount' as const, message: p.lessonCountProblem };
    return { id, message: status === 409 ? p.conflict : p.actionFailed };
  }

  async function accept(proposal: ProposalView, form: HTMLFormElement) {
    const input = form.elements.namedItem('lessonCount') as HTMLInputElement;
    const lessonCount = lessonCountOf(input.value);
    if (lessonCount === null) {
      setProblem({ id: proposal.id, field: 'lessonCount', message: p.lessonCountProblem });
      input.focus();
      return;
    }
    setProblem(null);
    setBusy({ id: proposal.id, action: 'accept' });
    const level = (form.elements.namedItem('level') as HTMLSelectElement).value as Level;
    const answer = await callStudio<{ runId: string }>(`/api/studio/proposals/${proposal.id}/accept`, 'POST', {
      lessonCount,
      level,
    });
    if (answer.ok) {
      router.push(`/studio/runs/${answer.data.runId}`);
      return;
    }
    setBusy(null);
    setProblem(failure(proposal.id, answer, answer.status));
  }

  async function dismiss(proposal: ProposalView) {
    setProblem(null);
    setBusy({ id: proposal.id, action: 'dismiss' });
    const answer = await callStudio(`/api/studio/proposals/${proposal.id}/dismiss`, 'POST', {});
    setBusy(null);
    if (!answer.ok) {
      setProblem(failure(proposal.id, answer, answer.status));
      return;
    }
    const at = proposals.findIndex((each) => each.id === proposal.id);
    const rest = proposals.filter((each) => each.id !== proposal.id);
    setProposals(rest);
    setAnnouncement(p.dismissed(proposal.title));
    // The other filters (and this one, when visited again) are read anew, not from the router's cache.
    router.refresh();
    // Focus to the proposal that took its place (or the one before it), else to the list.
    const next = rest[Math.min(at, rest.length - 1)];
    requestAnimationFrame(() => {
      const heading = next ? document.getElementById(`proposal-${next.id}`) : listRef.current;
      heading?.focus();
    });
  }

  return (
    <div ref={listRef} tabIndex={-1} className="proposals">
      <p role="status" className="sr-only">
        {announcement}
      </p>
      {proposals.length === 0 ? <p>{p.empty[status]}</p> : null}
      {proposals.map((proposal) => {
        const mine = problem?.id === proposal.id ? problem : null;
        const fieldId = `lessons-${proposal.id}`;
        const working = busy?.id === proposal.id;
        return (
          <article key={proposal.id} className="proposal" aria-labelledby={`proposal-${proposal.id}`}>
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
                    {LEVELS.map((level) => (
                      <option key={level} value={level}>
                        {t.levels[level]}
                      </option>
                    ))}
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
      })}
    </div>
  );
}
