'use client';
import { useId } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { useRegeneration } from '../hooks/use-regeneration.ts';
import { RegenerationDiff } from './diff-view.tsx';

/**
 * "Regenerate" for a lesson or a quiz: an instruction, the run's progress, then the old and the new
 * version side by side with Accept and Discard. Nothing changes until someone accepts.
 */
export function RegeneratePanel({
  kind,
  targetId,
  lang,
  pendingRunId = null,
}: {
  kind: 'lessons' | 'quizzes';
  targetId: string;
  lang: string;
  /** A regeneration of this item still to decide, found when the page was drawn. */
  pendingRunId?: string | null;
}) {
  const { t } = useDictionary();
  const g = t.studio.regen;
  const { state, setState, open, start, decide, statusRef, inputRef } = useRegeneration(kind, targetId, pendingRunId);
  const id = useId();

  const label = kind === 'lessons' ? g.lesson : g.quiz;
  if (state.step === 'closed') {
    return (
      <p className="regen">
        <button type="button" className="button button--small button--secondary" onClick={open}>
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
        {state.step === 'deciding' ? <p>{t.studio.flow.regenPending}</p> : null}
        {state.step === 'done' ? <p>{state.text}</p> : null}
      </div>
      {state.step === 'deciding' && state.run.result ? (
        <>
          {/* The decision first, and kept in reach while the diff scrolls by. */}
          <div className="regen__decide">
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
            {state.error ? <p role="alert">{state.error}</p> : null}
          </div>
          <RegenerationDiff result={state.run.result} lang={lang} />
        </>
      ) : null}
    </section>
  );
}
