'use client';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';

const PREFIX = 'leccion-';

type Sections = { open: ReadonlySet<string>; toggle: (id: string) => void; setAll: (open: boolean) => void };
const SectionsContext = createContext<Sections | null>(null);

/**
 * Which lessons of the review page are open. A long course is read lesson by lesson: the first one
 * (and any with a regeneration waiting) open, the rest folded to their title; the lesson a link points
 * at (`#leccion-<id>`, from the lesson list or the run page) opens when it is followed.
 */
export function LessonSections({
  ids,
  initiallyOpen,
  children,
}: {
  ids: string[];
  initiallyOpen: string[];
  children: ReactNode;
}) {
  const [open, setOpen] = useState<ReadonlySet<string>>(() => new Set(initiallyOpen));

  useEffect(() => {
    const follow = () => {
      const id = decodeURIComponent(window.location.hash.slice(1));
      if (!id.startsWith(PREFIX)) return;
      const lessonId = id.slice(PREFIX.length);
      setOpen((now) => (now.has(lessonId) ? now : new Set([...now, lessonId])));
      requestAnimationFrame(() => document.getElementById(id)?.scrollIntoView());
    };
    follow();
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);

  const toggle = useCallback(
    (id: string) =>
      setOpen((now) => {
        const next = new Set(now);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const setAll = useCallback((all: boolean) => setOpen(new Set(all ? ids : [])), [ids]);
  return <SectionsContext value={{ open, toggle, setAll }}>{children}</SectionsContext>;
}

function useSections(): Sections {
  const sections = useContext(SectionsContext);
  if (!sections) throw new Error('a lesson section is drawn inside <LessonSections>');
  return sections;
}

/** "Open all" and "Close all". */
export function OpenAll() {
  const { t } = useDictionary();
  const { setAll } = useSections();
  return (
    <p className="review__fold">
      <button type="button" className="button button--small button--secondary" onClick={() => setAll(true)}>
        {t.studio.flow.openAll}
      </button>
      <button type="button" className="button button--small button--secondary" onClick={() => setAll(false)}>
        {t.studio.flow.closeAll}
      </button>
    </p>
  );
}

/**
 * One lesson: its title is a heading holding the button that folds it (a disclosure); folded, its
 * parts stay in the page (editors keep what was typed), hidden.
 */
export function LessonSection({
  lessonId,
  heading,
  lang,
  children,
}: {
  lessonId: string;
  heading: string;
  lang: string;
  children: ReactNode;
}) {
  const { open, toggle } = useSections();
  const expanded = open.has(lessonId);
  return (
    <section id={`${PREFIX}${lessonId}`} className="review__lesson" aria-labelledby={`t-${lessonId}`}>
      <h2 id={`t-${lessonId}`} lang={lang}>
        <button
          type="button"
          className="review__toggle"
          aria-expanded={expanded}
          aria-controls={`b-${lessonId}`}
          onClick={() => toggle(lessonId)}
        >
          {heading}
        </button>
      </h2>
      <div id={`b-${lessonId}`} hidden={!expanded} className="review__body">
        {children}
      </div>
    </section>
  );
}
