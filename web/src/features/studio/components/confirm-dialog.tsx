'use client';
import { type RefObject, useId } from 'react';

/**
 * A question before something that changes what students see (publish, take out of the catalogue):
 * a modal <dialog> (focus stays inside it, Escape says no), the safe answer focused first so a
 * double click or a stray Enter never confirms.
 */
export function ConfirmDialog({
  dialogRef,
  title,
  text,
  yes,
  no,
  onYes,
}: {
  dialogRef: RefObject<HTMLDialogElement | null>;
  title: string;
  text: string;
  yes: string;
  no: string;
  onYes: () => void;
}) {
  const id = useId();
  return (
    <dialog ref={dialogRef} className="confirm" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <p id={`${id}-text`}>{text}</p>
      <div className="confirm__actions">
        <button type="button" className="button button--secondary" onClick={() => dialogRef.current?.close()}>
          {no}
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            dialogRef.current?.close();
            onYes();
          }}
        >
          {yes}
        </button>
      </div>
    </dialog>
  );
}
