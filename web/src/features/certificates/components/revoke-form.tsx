'use client';
import { useRouter } from 'next/navigation';
import { useActionState, useEffect, useRef } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { type RevokeState, revokeCertificateAction } from '../server/revoke-action.ts';

/** Administrators only (the page shows it to them, the course API checks it): revoke with a reason. */
export function RevokeForm({ code }: { code: string }) {
  const { t } = useDictionary();
  const router = useRouter();
  const [state, action, pending] = useActionState<RevokeState, FormData>(revokeCertificateAction, {});
  const messageRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.done) router.refresh();
    else if (state.attempt !== undefined) messageRef.current?.focus();
  }, [state, router]);
  return (
    <section className="revoke" aria-labelledby="revoke-title">
      <h2 id="revoke-title">{t.certificates.revokeTitle}</h2>
      <p>{t.certificates.revokeHint}</p>
      <form action={action} noValidate>
        <input type="hidden" name="code" value={code} />
        <div className="field">
          <label htmlFor="revoke-reason">{t.certificates.reason}</label>
          <textarea
            id="revoke-reason"
            name="reason"
            required
            maxLength={500}
            rows={3}
            aria-describedby={state.message ? 'revoke-problem' : undefined}
          />
        </div>
        {state.message ? (
          <p id="revoke-problem" ref={messageRef} role="alert" tabIndex={-1} className="form__message">
            {state.message}
          </p>
        ) : null}
        <button type="submit" className="button button--danger" aria-disabled={pending || undefined}>
          {pending ? t.certificates.revoking : t.certificates.revoke}
        </button>
      </form>
    </section>
  );
}
