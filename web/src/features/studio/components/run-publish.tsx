'use client';
import type { RefObject } from 'react';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import type { CourseState } from '../hooks/use-run-progress.ts';

/** After a course run: publish its course (or archive it again), and what came of it. */
export function RunPublish({
  state,
  change,
  resultRef,
  t,
}: {
  state: CourseState;
  change: (action: 'publish' | 'archive') => void;
  resultRef: RefObject<HTMLParagraphElement | null>;
  t: Dictionary;
}) {
  const r = t.studio.run;
  const busy = typeof state === 'object' && 'busy' in state ? state.busy : null;
  const failed = typeof state === 'object' && 'failed' in state ? state.failed : null;
  // What the button offers: what is under way (or again, after a failure), else the next step.
  const offer = busy ?? failed ?? (state === 'published' ? 'archive' : 'publish');
  return (
    <div className="run__publish">
      <button
        type="button"
        className={offer === 'publish' ? 'button' : 'button button--secondary'}
        onClick={() => change(offer)}
        aria-disabled={busy !== null || undefined}
        disabled={busy !== null}
      >
        {busy === 'publish'
          ? r.publishing
          : busy === 'archive'
            ? r.archiving
            : offer === 'publish'
              ? r.publish
              : r.archive}
      </button>
      <p ref={resultRef} tabIndex={-1} aria-live="polite" className="run__publish-result">
        {state === 'published' ? (
          <>
            {r.published} <a href="/">{r.seeCatalogue}</a>
          </>
        ) : state === 'archived' ? (
          r.archived
        ) : typeof state === 'object' && 'failed' in state ? (
          `${state.failed === 'publish' ? r.publishFailed : r.archiveFailed} ${state.why}`.trim()
        ) : null}
      </p>
    </div>
  );
}
