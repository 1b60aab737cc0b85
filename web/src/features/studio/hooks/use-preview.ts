'use client';
import { useEffect, useState } from 'react';

const PREVIEW_DELAY_MS = 300;

/**
 * The lesson editor's live preview: a moment after the typing stops, the draft rendered by the
 * lesson pages' own sanitising renderer (`POST /api/studio/preview`); an earlier request still on
 * its way is dropped.
 */
export function usePreview(draft: string | null, initial: string) {
  const [preview, setPreview] = useState(initial);
  const [previewFailed, setPreviewFailed] = useState(false);
  useEffect(() => {
    if (draft === null) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch('/api/studio/preview', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ markdown: draft }),
          signal: controller.signal,
        });
        if (!res.ok) throw new Error(String(res.status));
        setPreview(((await res.json()) as { html: string }).html);
        setPreviewFailed(false);
      } catch {
        if (!controller.signal.aborted) setPreviewFailed(true);
      }
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [draft]);
  return { preview, setPreview, previewFailed };
}
