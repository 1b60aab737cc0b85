'use client';
import type { CourseStatus } from '@aula/domain';
import { useRef, useState } from 'react';
import { problemSentence } from '../../../shared/api-problem.ts';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { callStudio } from '../hooks/save-call.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';

/**
 * The review page's publish bar: where the course stands, and the one next step, each behind a
 * question: publish it (a draft, in review or taken out), or take a published course out of the
 * catalogue. Taking it out is a smaller button below the state, never where "Publish" was, and asks
 * first too: no double click unpublishes a course.
 */
export function PublishBar({ courseId, title, initial }: { courseId: string; title: string; initial: CourseStatus }) {
  const { t } = useDictionary();
  const f = t.studio.flow;
  const [status, setStatus] = useState(initial);
  const [busy, setBusy] = useState<'publish' | 'archive' | null>(null);
  const [result, setResult] = useState<{ text: string; error: boolean } | null>(null);
  const publishRef = useRef<HTMLDialogElement>(null);
  const archiveRef = useRef<HTMLDialogElement>(null);
  const resultRef = useRef<HTMLParagraphElement>(null);

  async function change(action: 'publish' | 'archive') {
    setBusy(action);
    setResult(null);
    const answer = await callStudio<{ status: CourseStatus }>(`/api/studio/courses/${courseId}/${action}`, 'POST');
    setBusy(null);
    if (answer.ok) {
      setStatus(answer.data.status);
      setResult({ text: action === 'publish' ? f.published : f.archived, error: false });
    } else setResult({ text: `${f.changeFailed} ${problemSentence(t, answer)}`, error: true });
    requestAnimationFrame(() => resultRef.current?.focus());
  }

  const canPublish = status === 'draft' || status === 'in_review' || status === 'archived';
  return (
    <section className="publish-bar" aria-labelledby="publish-bar-title">
      <h2 id="publish-bar-title" className="publish-bar__title">
        {f.publishBar}
      </h2>
      <p className="publish-bar__state">
        <span className={`run-status run-status--${status}`}>{t.studio.review.statuses[status]}</span>{' '}
        {f.courseState[status]}
      </p>
      {canPublish ? (
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          aria-disabled={busy !== null || undefined}
          onClick={() => publishRef.current?.showModal()}
        >
          {busy === 'publish' ? f.publishing : f.publish}
        </button>
      ) : null}
      <p
        ref={resultRef}
        tabIndex={-1}
        role={result?.error ? 'alert' : 'status'}
        aria-live="polite"
        className="publish-bar__result"
      >
        {result?.text}
        {status === 'published' ? (
          <>
            {result ? ' ' : null}
            <a href="/">{f.seeCatalogue}</a>
          </>
        ) : null}
      </p>
      {status === 'published' ? (
        <button
          type="button"
          className="button button--small button--secondary publish-bar__archive"
          disabled={busy !== null}
          aria-disabled={busy !== null || undefined}
          onClick={() => archiveRef.current?.showModal()}
        >
          {busy === 'archive' ? f.archiving : f.archive}
        </button>
      ) : null}
      <ConfirmDialog
        dialogRef={publishRef}
        title={f.confirmPublishTitle}
        text={f.confirmPublish(title)}
        yes={f.confirmPublishYes}
        no={f.keep}
        onYes={() => change('publish')}
      />
      <ConfirmDialog
        dialogRef={archiveRef}
        title={f.confirmArchiveTitle}
        text={f.confirmArchive(title)}
        yes={f.confirmArchiveYes}
        no={f.keep}
        onYes={() => change('archive')}
      />
    </section>
  );
}
