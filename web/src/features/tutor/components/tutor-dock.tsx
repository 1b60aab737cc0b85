'use client';
import { type KeyboardEvent, lazy, Suspense, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';

// The panel's code (the conversation, streaming, Markdown answers) loads when the tutor is first shown.
const TutorPanel = lazy(() => import('./tutor-panel.tsx').then((module) => ({ default: module.TutorPanel })));

/** The width from which the lesson has room for the tutor in its layout (globals.css, `.lesson-page__layout`). */
export const WIDE_LAYOUT = '(min-width: 62rem)';

function subscribe(onChange: () => void) {
  const query = window.matchMedia(WIDE_LAYOUT);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}
/** Whether the layout is wide; `null` on the server and while hydrating (the width is not known there). */
const useWide = () =>
  useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE_LAYOUT).matches,
    () => null,
  );

const FOCUSABLE = 'button:not(:disabled), textarea, a[href], input, [tabindex]:not([tabindex="-1"])';

/**
 * Where the tutor lives on a lesson page. On a wide screen, in the layout (beside or below the lesson),
 * as before. On a phone it would be thousands of pixels down, after the quiz: there a button stays in
 * reach at the bottom of the screen and opens the tutor as a sheet (a modal dialog: focus moves in and
 * stays there, Escape or "Close" shuts it and focus returns to the button). Closing only hides the
 * sheet: the conversation, even an answer still streaming, is there when it opens again.
 */
export function TutorDock({ lessonId, language }: { lessonId: string; language: string }) {
  const { t } = useDictionary();
  const wide = useWide();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // Once the panel is there (a second opening), straight to the question box; the first time the panel does it.
      dialog.querySelector<HTMLTextAreaElement>('textarea')?.focus();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    // Growing past the breakpoint (a phone turned, a window widened) puts the tutor back in the layout.
    if (wide) setOpen(false);
  }, [wide]);

  if (wide === null) return <div className="tutor tutor--pending" />;
  if (wide) {
    return (
      <Suspense fallback={<TutorLoading />}>
        <TutorPanel lessonId={lessonId} language={language} />
      </Suspense>
    );
  }

  const close = () => setOpen(false);
  // Focus stays in the sheet: Tab past its last control comes back to its first, and the reverse.
  const keepFocusIn = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (event.key !== 'Tab') return;
    const focusable = [...event.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (!first || !last) return;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === event.currentTarget)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="tutor-fab"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => {
          setLoaded(true);
          setOpen(true);
        }}
      >
        <span aria-hidden="true" className="tutor-fab__icon">
          ?
        </span>
        {t.student.tutorSheet.open}
      </button>
      <dialog
        ref={dialogRef}
        className="tutor-sheet"
        aria-labelledby={titleId}
        onKeyDown={keepFocusIn}
        // Escape closes a modal dialog by itself: keep the state in step, and give focus back to the button.
        onClose={() => {
          setOpen(false);
          buttonRef.current?.focus();
        }}
      >
        {loaded ? (
          <Suspense fallback={<TutorLoading titleId={titleId} />}>
            <TutorPanel lessonId={lessonId} language={language} sheet={{ onClose: close, titleId }} />
          </Suspense>
        ) : null}
      </dialog>
    </>
  );
}

function TutorLoading({ titleId }: { titleId?: string }) {
  const { t } = useDictionary();
  return (
    <div className="tutor" aria-busy="true">
      <h2 id={titleId}>{t.tutor.title}</h2>
      <p className="tutor__empty">{t.student.tutorSheet.loading}</p>
    </div>
  );
}
