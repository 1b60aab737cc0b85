'use client';
import { useEffect, useRef } from 'react';

/** How often a view asks for a run while it goes on. */
const POLL_MS = 1_000;

/**
 * Asks `GET /api/studio/runs/:id` every second while `runId` is set (null: not watching). Each run
 * read goes to `onRun`, which answers 'stop' to stop asking; an answer that is not one (or no
 * answer at all) goes to `onLost`, and the next poll tries again.
 */
export function usePolledRun<T>(
  runId: string | null,
  onRun: (run: T) => 'stop' | undefined,
  onLost: () => void = () => {},
) {
  const handlers = useRef({ onRun, onLost });
  useEffect(() => {
    handlers.current = { onRun, onLost };
  });
  useEffect(() => {
    if (!runId) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const res = await fetch(`/api/studio/runs/${runId}`, { cache: 'no-store' });
        if (stopped) return;
        if (res.ok) {
          if (handlers.current.onRun((await res.json()) as T) === 'stop') return;
        } else handlers.current.onLost();
      } catch {
        if (!stopped) handlers.current.onLost();
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [runId]);
}
