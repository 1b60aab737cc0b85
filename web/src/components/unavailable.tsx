import type { Dictionary } from '../i18n/dictionary.ts';

/** What people see when Directus cannot be reached: a plain sentence and a way to try again. */
export function Unavailable({
  t,
  heading: Heading = 'h2',
  retryHref,
}: {
  t: Dictionary;
  heading?: 'h1' | 'h2';
  retryHref: string;
}) {
  return (
    <section className="notice notice--error" aria-labelledby="unavailable-title">
      <Heading id="unavailable-title">{t.unavailable.title}</Heading>
      <p>{t.unavailable.text}</p>
      <a className="button" href={retryHref}>
        {t.unavailable.retry}
      </a>
    </section>
  );
}
