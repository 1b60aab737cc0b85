import type { Dictionary } from '../i18n/dictionary.ts';

/**
 * What people see when Directus cannot be reached: a plain sentence (the page's own, or the general
 * one) and a way to try again.
 */
export function Unavailable({
  t,
  heading: Heading = 'h2',
  retryHref,
  title = t.unavailable.title,
  text = t.unavailable.text,
}: {
  t: Dictionary;
  heading?: 'h1' | 'h2';
  retryHref: string;
  title?: string;
  text?: string;
}) {
  return (
    <section className="notice notice--error" aria-labelledby="unavailable-title">
      <Heading id="unavailable-title">{title}</Heading>
      <p>{text}</p>
      <a className="button" href={retryHref}>
        {t.unavailable.retry}
      </a>
    </section>
  );
}
