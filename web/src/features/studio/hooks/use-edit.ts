'use client';
import { useRef, useState } from 'react';
import { problemSentence } from '../../../shared/api-problem.ts';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { type Answer, callStudio } from './save-call.ts';

export type EditMessage = { text: string; error: boolean };

/**
 * What the review page's editors share: a draft (null while not editing), the saving flag, and one
 * message (saved, or why not) that takes the focus when it changes. `save` sends the draft with
 * PATCH; a failed save keeps the draft, a saved one ends the editing.
 */
export function useEdit<Draft>() {
  const { t } = useDictionary();
  const e = t.studio.edit;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [message, setMessage] = useState<EditMessage | null>(null);
  const [saving, setSaving] = useState(false);
  const messageRef = useRef<HTMLParagraphElement>(null);

  const announce = (text: string, error: boolean) => {
    setMessage({ text, error });
    requestAnimationFrame(() => messageRef.current?.focus());
  };

  async function save<T>(
    url: string,
    body: unknown,
    { saved, refused }: { saved: (data: T) => void; refused?: (answer: Extract<Answer<T>, { ok: false }>) => void },
  ) {
    setSaving(true);
    const answer = await callStudio<T>(url, 'PATCH', body);
    setSaving(false);
    if (!answer.ok) {
      // Nothing is lost: the draft stays, the reason beside it.
      refused?.(answer);
      announce(`${e.failed} ${problemSentence(t, answer)}`, true);
      return;
    }
    saved(answer.data);
    setDraft(null);
    announce(e.saved, false);
  }

  return { draft, setDraft, message, setMessage, saving, messageRef, announce, save };
}
