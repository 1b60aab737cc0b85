'use client';
import type { RefObject } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import type { EditMessage } from '../hooks/use-edit.ts';

/** The editors' message: announced politely when saved, as an alert when not. */
export function EditStatus({
  message,
  messageRef,
}: {
  message: EditMessage | null;
  messageRef: RefObject<HTMLParagraphElement | null>;
}) {
  if (!message) return null;
  return (
    <p ref={messageRef} tabIndex={-1} role={message.error ? 'alert' : 'status'} className="review__message">
      {message.text}
    </p>
  );
}

/** Save and Cancel under an editor. */
export function SaveBar({ saving, onSave, onCancel }: { saving: boolean; onSave: () => void; onCancel: () => void }) {
  const { t } = useDictionary();
  const e = t.studio.edit;
  return (
    <div className="lesson-editor__actions">
      <button type="button" className="button" onClick={onSave} disabled={saving} aria-disabled={saving || undefined}>
        {saving ? e.saving : e.save}
      </button>
      <button type="button" className="button button--secondary" onClick={onCancel}>
        {e.cancel}
      </button>
    </div>
  );
}
