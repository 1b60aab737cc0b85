'use client';
import { useRef, useState } from 'react';
import { problemSentence } from '../../../shared/api-problem.ts';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { isActive } from '../run-labels.ts';
import type { StudioRunView } from '../studio-run.ts';
import { callStudio } from './save-call.ts';
import { usePolledRun } from './use-polled-run.ts';

/**
 * A run as it is being made: read every second while queued or running (`lost` when that fails),
 * and what can be done with it: cancel, or retry a failed one. Publishing is the review page's.
 */
export function useRunProgress(initial: StudioRunView) {
  const { t } = useDictionary();
  const [run, setRun] = useState(initial);
  const [lost, setLost] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelFailed, setCancelFailed] = useState(false);
  const [retry, setRetry] = useState<'idle' | 'busy' | { failed: string }>('idle');
  const statusRef = useRef<HTMLParagraphElement>(null);
  const active = isActive(run.status);

  usePolledRun<StudioRunView>(
    active ? run.id : null,
    (read) => {
      setRun(read);
      setLost(false);
      return undefined;
    },
    () => setLost(true),
  );

  async function cancel() {
    setCancelling(true);
    setCancelFailed(false);
    const answer = await callStudio<StudioRunView>(`/api/studio/runs/${run.id}/cancel`, 'POST');
    if (answer.ok) setRun(answer.data);
    else setCancelFailed(true);
    setCancelling(false);
    statusRef.current?.focus();
  }

  /** Runs a failed run again: the same run goes back to the queue, or the page moves to the new one. */
  async function retryRun() {
    setRetry('busy');
    const answer = await callStudio<{ runId?: string }>(`/api/studio/runs/${run.id}/retry`, 'POST');
    if (!answer.ok || !answer.data?.runId) {
      setRetry({ failed: answer.ok ? '' : problemSentence(t, answer) });
      return;
    }
    if (answer.data.runId !== run.id) {
      window.location.assign(`/studio/runs/${answer.data.runId}`);
      return;
    }
    try {
      const again = await fetch(`/api/studio/runs/${run.id}`, { cache: 'no-store' });
      if (again.ok) setRun((await again.json()) as StudioRunView);
      setRetry('idle');
      statusRef.current?.focus();
    } catch {
      setRetry({ failed: t.apiErrors.unknown });
    }
  }

  return {
    run,
    active,
    lost,
    cancel: { run: cancel, busy: cancelling, failed: cancelFailed },
    retry: { run: retryRun, state: retry },
    statusRef,
  };
}
