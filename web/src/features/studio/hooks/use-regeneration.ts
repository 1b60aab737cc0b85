'use client';
import { useRouter } from 'next/navigation';
import { useRef, useState } from 'react';
import { problemSentence } from '../../../shared/api-problem.ts';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import type { StudioRunView } from '../studio-run.ts';
import { callStudio } from './save-call.ts';
import { usePolledRun } from './use-polled-run.ts';

export type RegenerationState =
  | { step: 'closed' }
  | { step: 'asking'; instruction: string; error?: string; busy?: boolean }
  | { step: 'running'; run: StudioRunView }
  | { step: 'deciding'; run: StudioRunView; busy?: 'accept' | 'discard'; error?: string }
  | { step: 'done'; text: string };

/**
 * A regeneration from asking to deciding: the instruction, the run watched every second until its
 * new version is ready (or it fails), then accept or discard. Nothing changes until someone accepts.
 */
export function useRegeneration(kind: 'lessons' | 'quizzes', targetId: string, pendingRunId: string | null = null) {
  const { t } = useDictionary();
  const g = t.studio.regen;
  const router = useRouter();
  // A regeneration still to decide (the page found it on the server) is watched again after a reload.
  const [state, setState] = useState<RegenerationState>(
    pendingRunId
      ? {
          step: 'running',
          run: { id: pendingRunId, status: 'queued', progress: { done: 0, total: 1 } } as StudioRunView,
        }
      : { step: 'closed' },
  );
  const statusRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);

  usePolledRun<StudioRunView>(state.step === 'running' ? state.run.id : null, (run) => {
    if (run.status === 'completed' && run.result) {
      setState({ step: 'deciding', run });
      requestAnimationFrame(() => statusRef.current?.focus());
      return 'stop';
    }
    if (run.status !== 'queued' && run.status !== 'running' && !(run.status === 'completed' && !run.result)) {
      setState({ step: 'done', text: g.runFailed });
      return 'stop';
    }
    setState({ step: 'running', run });
    return undefined;
  });

  function open() {
    setState({ step: 'asking', instruction: '' });
    requestAnimationFrame(() => inputRef.current?.focus());
  }

  async function start(instruction: string) {
    setState({ step: 'asking', instruction, busy: true });
    const answer = await callStudio<{ runId: string }>(`/api/studio/${kind}/${targetId}/regenerate`, 'POST', {
      instruction,
    });
    if (!answer.ok) {
      setState({ step: 'asking', instruction, error: `${g.startFailed} ${problemSentence(t, answer)}` });
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
    if (!answer.ok) setState({ step: 'deciding', run, error: `${g.decideFailed} ${problemSentence(t, answer)}` });
    else {
      setState({ step: 'done', text: action === 'accept' ? t.studio.flow.regenAccepted : g.discarded });
      // The accepted version replaces the old one where it stands: the page's server parts are read again.
      if (action === 'accept') router.refresh();
    }
    requestAnimationFrame(() => statusRef.current?.focus());
  }

  return { state, setState, open, start, decide, statusRef, inputRef };
}
