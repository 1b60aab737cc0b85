'use client';
import { useActionState, useEffect, useRef } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { type EnrolState, enrolAction } from '../server/enrol-actions.ts';

/** The enrol form; on failure the reason is announced and focused. */
export function EnrolButton({ courseId, slug, start }: { courseId: string; slug: string; start: string | null }) {
  const { t } = useDictionary();
  const [state, action, pending] = useActionState<EnrolState, FormData>(enrolAction, {});
  const messageRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.attempt) messageRef.current?.focus();
  }, [state.attempt]);
  return (
    <form action={action} className="enrol__form">
      <input type="hidden" name="courseId" value={courseId} />
      <input type="hidden" name="slug" value={slug} />
      {start ? <input type="hidden" name="start" value={start} /> : null}
      {state.message ? (
        <p ref={messageRef} role="alert" tabIndex={-1} className="form__message">
          {state.message}
        </p>
      ) : null}
      <button type="submit" className="button" aria-disabled={pending || undefined}>
        {pending ? t.enrol.enrolling : t.enrol.enrol}
      </button>
    </form>
  );
}
