'use client';
import { useEffect, useRef } from 'react';
import { useDictionary } from '../i18n/locale-context.tsx';
import { enhanceCodeBlocks } from './code-blocks.ts';

type Props = { html: string; className: string; lang: string; id?: string };

/**
 * HTML made by `renderMarkdown` (sanitised on the server), shown as is, its code blocks given a copy
 * button and a "scrolls sideways" hint once in the browser (code-blocks.ts). Only for that HTML: this
 * component does not sanitise.
 */
export function Prose({ html, className, lang, id }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const { t } = useDictionary();
  const words = t.student.code;

  useEffect(() => {
    if (!ref.current || !html) return;
    return enhanceCodeBlocks(ref.current, words);
  }, [html, words]);

  return (
    <div
      ref={ref}
      id={id}
      className={className}
      lang={lang}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: renderMarkdown's output, sanitised on the server (no script, handler, style, iframe or foreign image survives).
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
