'use client';
import type { Operation } from '@aula/ops/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { adminFetch } from './admin-fetch.ts';

const POLL_MS = 1_000;

/**
 * A long piece of work on a host, followed as it happens: `start` posts it (the agent answers with the
 * Operation), then it is read every second until it is done, failed or stopped; `onEnd` hears the end.
 */
export function useOperation(host: string | undefined, onEnd?: (op: Operation) => void) {
  const [operation, setOperation] = useState<Operation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [lost, setLost] = useState(false);
  const ended = useRef(onEnd);
  useEffect(() => {
    ended.current = onEnd;
  });
  const running = operation?.state === 'running';
  const id = operation?.id;
  useEffect(() => {
    if (!running || !id || !host) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const poll = async () => {
      try {
        const op = await adminFetch<Operation>(`hosts/${host}/operations/${id}`);
        if (stopped) return;
        setLost(false);
        setOperation(op);
        if (op.state !== 'running') {
          ended.current?.(op);
          return;
        }
      } catch {
        if (!stopped) setLost(true);
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [running, id, host]);

  const start = useCallback(
    async (path: string, body?: unknown) => {
      setError(null);
      try {
        const op = await adminFetch<Operation>(`hosts/${host}/${path}`, { method: 'POST', body: body ?? {} });
        setOperation(op);
        if (op.state !== 'running') ended.current?.(op);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    },
    [host],
  );
  const stop = useCallback(async () => {
    if (!id) return;
    try {
      setOperation(await adminFetch<Operation>(`hosts/${host}/operations/${id}`, { method: 'DELETE' }));
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, [host, id]);
  return { operation, error, lost, running, start, stop };
}
