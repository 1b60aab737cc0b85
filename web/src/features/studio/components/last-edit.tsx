'use client';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';

export type LastEditView = { by: string | null; at: string | null };

/** "Last edited by <name>, <when>", as Directus recorded it (`user_updated`, `date_updated`). */
export function LastEdit({ edit }: { edit: LastEditView }) {
  const { locale, t } = useDictionary();
  if (!edit.at) return <p className="review__edited">{t.studio.edit.neverEdited}</p>;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(edit.at));
  return (
    <p className="review__edited">
      {/* The server's and the browser's time zones may differ: the browser's wins. */}
      <time dateTime={edit.at} suppressHydrationWarning>
        {t.studio.edit.lastEdited(edit.by ?? t.studio.edit.someone, when)}
      </time>
    </p>
  );
}

/** The item in Directus's Data Studio, for raw editing. */
export function DataStudioLink({ href }: { href: string }) {
  const { t } = useDictionary();
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" className="review__raw">
      {t.studio.edit.dataStudio} <span className="sr-only">{t.studio.edit.dataStudioNote}</span>
    </a>
  );
}
