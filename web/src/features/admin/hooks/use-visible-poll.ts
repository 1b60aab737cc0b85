'use client';
import { useEffect, useRef, useState } from 'react';

/**
 * Calls `poll` every `everyMs` while the tab is visible (and once more as soon as it shows again);
 * nothing while it is hidden. Gives whether polling is paused.
 */
export function useVisiblePoll(poll: () => Promise<void>, everyMs: number, enabled = true): boolean {
  const latest = useRef(poll);
  useEffect(() => {
    latest.current = poll;
  });
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      clearTimeout(timer);
      if (stopped) return;
      if (document.hidden) {
        setPaused(true);
        return;
      }
      setPaused(false);
      await latest.current().catch(() => undefined);
      if (!stopped && !document.hidden) timer = setTimeout(tick, everyMs);
    };
    const onVisibility = () => {
      if (document.hidden) {
        clearTimeout(timer);
        setPaused(true);
      } else void tick();
    };
    document.addEventListener('visibilitychange', onVisibility);
    timer = setTimeout(tick, everyMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [everyMs, enabled]);
  return paused;
}
