'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { callStudio } from '../hooks/save-call.ts';
import type { StudioRunView } from '../studio-run.ts';
import { RegenerationDiff } from './diff-view.tsx';

const POLL_MS = 1_000;

type State =
  | { step: 'closed' }
  | { step: 'asking'; instruction: string; error?: string; busy?: boolean }
  | { step: 'running'; run: StudioRunView }
  | { step: 'deciding'; run: StudioRunView; busy?: 'accept' | 'discard'; error?: string }
  | { step: 'done'; text: string };

/**
 * "Regenerate" for a lesson or a quiz: an instruction, the run's progress, then the old and the new
 * version side by side with Accept and Discard. Nothing changes until someone accepts.
 */
export function RegeneratePanel({
  kind,
  targetId,
  lang,
}: {
  kind: 'lessons' | 'quizzes';
  targetId: string;
  lang: string;
}) {
  const { t } = useDictionary();
  const g = t.studio.regen;
  const [state, setState] = useState<State>({ step: 'closed' });
  const id = useId();
  const statusRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const runId = state.step === 'running' ? state.run.id : null;

  useEffect(() => {
    if (!runId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await fetch(`/api/studio/runs/${runId}`, { cache: 'no-store' });
        if (stopped) return;
        if (res.ok) {
          const run = (await res.json()) as StudioRunView;
          if (run.status === 'completed' && run.result) {
            setState({ step: 'deciding', run });
            requestAnimationFrame(() => statusRef.current?.focus());
            return;
          }
          if (run.status !== 'queued' && run.status !== 'running' && !(run.status === 'completed' && !run.result)) {
            setState({ step: 'done', text: g.runFailed });
            return;
          }
          setState({ step: 'running', run });
        }
      } catch {
        // The next poll tries again.
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId, g.runFailed]);

  async function start(instruction: string) {
    setState({ step: 'asking', instruction, busy: true });
    const answer = await callStudio<{ runId: string }>(`/api/studio/${kind}/${targetId}/regenerate`, 'POST', {
      instruction,
    });
    if (!answer.ok) {
      setState({ step: 'asking', instruction, error: `${g.startFailed} ${answer.message}`.trim() });
      return;
    }
    setState({
      step: 'running',
      run: { id: answer.data.runId, status: 'queued', progress: { done: 0, total: 1 } } as StudioRunView,
    });
  }

  async function decide(action: 'accept' | 'discard') {
    if (state.step !== 'deciding') return;
    const { run } = state;
    setState({ step: 'deciding', run, busy: action });
    const answer = await callStudio(`/api/studio/runs/${run.id}/${action}`, 'POST', {});
    if (!answer.ok) setState({ step: 'deciding', run, error: `${g.decideFailed} ${answer.message}`.trim() });
    else setState({ step: 'done', text: action === 'accept' ? g.accepted : g.discarded });
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  const label = kind === 'lessons' ? g.lesson : g.quiz;
  if (state.step === 'closed') {
    return (
      <p className="regen">
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => {
            setState({ step: 'asking', instruction: '' });
            requestAnimationFrame(() => inputRef.current?.focus());
          }}
        >
          {label}
        </button>
      </p>
    );
  }
  return (
    <section className="regen" aria-label={label}>
      {state.step === 'asking' ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (!state.busy) start(state.instruction);
          }}
        >
          <div className="field">
            <label htmlFor={`${id}-instruction`}>{g.instruction}</label>
            <textarea
              ref={inputRef}
              id={`${id}-instruction`}
              rows={2}
              value={state.instruction}
              aria-describedby={`${id}-hint`}
              onChange={(event) => setState({ step: 'asking', instruction: event.target.value })}
            />
            <p id={`${id}-hint`} className="field__hint">
              {g.instructionHint}
            </p>
          </div>
          {state.error ? <p role="alert">{state.error}</p> : null}
          <div className="lesson-editor__actions">
            <button type="submit" className="button" aria-disabled={state.busy || undefined}>
              {state.busy ? g.starting : g.start}
            </button>
            <button type="button" className="button button--secondary" onClick={() => setState({ step: 'closed' })}>
              {g.cancel}
            </button>
          </div>
        </form>
      ) : null}
      <div ref={statusRef} tabIndex={-1} role="status" aria-live="polite" className="regen__status">
        {state.step === 'running' ? (
          <p>
            {g.progress} <a href={`/studio/runs/${state.run.id}`}>{g.seeRun}</a>
          </p>
        ) : null}
        {state.step === 'done' ? <p>{state.text}</p> : null}
      </div>
      {state.step === 'done' ? (
        <p>
          <a href={typeof window === 'undefined' ? '#' : window.location.pathname}>{g.reload}</a>
        </p>
      ) : null}
      {state.step === 'deciding' && state.run.result ? (
        <>
          <RegenerationDiff result={state.run.result} lang={lang} />
          {state.error ? <p role="alert">{state.error}</p> : null}
          <div className="lesson-editor__actions">
            <button
              type="button"
              className="button"
              onClick={() => decide('accept')}
              disabled={state.busy !== undefined}
            >
              {state.busy === 'accept' ? g.accepting : g.accept}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => decide('discard')}
              disabled={state.busy !== undefined}
            >
              {state.busy === 'discard' ? g.discarding : g.discard}
            </button>
          </div>
        </>
      ) : null}
    </section>
  );
}
