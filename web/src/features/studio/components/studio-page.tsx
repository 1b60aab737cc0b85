import Link from 'next/link';
import type { ReactNode } from 'react';

/**
 * The frame of a studio page: a link back, the title (with the page's main action beside it, if
 * any), a sentence of introduction, then the page.
 */
export function StudioPage({
  back,
  title,
  titleLang,
  subtitle,
  action,
  intro,
  className,
  children,
}: {
  back?: { href: string; label: string };
  title: ReactNode;
  /** The title's language when it is content (a course's title). */
  titleLang?: string;
  /** Said right under the title (a course's requested topic). */
  subtitle?: ReactNode;
  action?: ReactNode;
  intro?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const heading = <h1 lang={titleLang}>{title}</h1>;
  return (
    <div className={className ? `container studio ${className}` : 'container studio'}>
      {back ? (
        <p className="studio__back">
          <Link href={back.href}>{back.label}</Link>
        </p>
      ) : null}
      {action ? (
        <div className="studio__head">
          {heading}
          {action}
        </div>
      ) : (
        heading
      )}
      {subtitle}
      {intro ? <p className="studio__intro">{intro}</p> : null}
      {children}
    </div>
  );
}

/** "Request a course", the studio's main action. */
export function NewCourseLink({ label }: { label: string }) {
  return (
    <Link href="/studio/nuevo" className="button">
      {label}
    </Link>
  );
}
