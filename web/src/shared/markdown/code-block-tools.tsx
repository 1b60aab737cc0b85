'use client';
import { useEffect } from 'react';
import { useDictionary } from '../i18n/locale-context.tsx';
import { enhanceCodeBlocks } from './code-blocks.ts';

/**
 * Gives the code blocks of the server-rendered HTML in `#targetId` their copy button and "scrolls
 * sideways" hint (code-blocks.ts), once in the browser. Renders nothing: the HTML stays the server's,
 * sent once (not again as a client component's prop).
 */
export function CodeBlockTools({ targetId }: { targetId: string }) {
  const { t } = useDictionary();
  const words = t.student.code;
  useEffect(() => {
    const root = document.getElementById(targetId);
    return root ? enhanceCodeBlocks(root, words) : undefined;
  }, [targetId, words]);
  return null;
}
