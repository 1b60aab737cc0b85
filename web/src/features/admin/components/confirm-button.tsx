'use client';
import { useEffect, useRef, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';

/**
 * A button whose action waits for a second, explicit "Confirm": the question appears in place (with
 * focus on Confirm; Escape or Cancel gives up and returns focus to the button).
 */
export function ConfirmButton({
  label,
  accessibleLabel,
  question,
  onConfirm,
  disabled,
  className,
}: {
  label: string;
  accessibleLabel?: string;
  question: string;
  onConfirm: () => void;
  disabled?: boolean;
  className?: string;
}) {
  const { t } = useDictionary();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) openerRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking)
    return (
      <button
        ref={openerRef}
        type="button"
        className={className ?? 'button button--secondary'}
        aria-label={accessibleLabel}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  return (
    <fieldset
      className="admin-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') setAsking(false);
      }}
    >
      <legend className="admin-confirm__question">{question}</legend>
      <button
        ref={confirmRef}
        type="button"
        className="button"
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {t.admin.actions.confirm}
      </button>
      <button type="button" className="button button--secondary" onClick={() => setAsking(false)}>
        {t.admin.actions.cancel}
      </button>
    </fieldset>
  );
}
