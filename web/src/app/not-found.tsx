import type { Metadata } from 'next';
import Link from 'next/link';
import { SearchForm } from '../features/catalogue/components/search-form.tsx';
import { getDictionary } from '../shared/i18n/get-locale.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.notFound.title };
}

/** For unknown pages and for courses that do not exist or are not published. */
export default async function NotFound() {
  const { t } = await getDictionary();
  return (
    <div className="not-found">
      <p className="not-found__code" aria-hidden="true">
        404
      </p>
      <h1>{t.notFound.title}</h1>
      <p className="lead">{t.notFound.text}</p>
      <section aria-labelledby="not-found-search" className="not-found__search">
        <h2 id="not-found-search">{t.notFound.searchTitle}</h2>
        <SearchForm t={t} compact />
      </section>
      <p>
        <Link href="/" className="button button--secondary">
          {t.notFound.back}
        </Link>
      </p>
    </div>
  );
}
