'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { startTransition, useEffect } from 'react';
import { useDictionary } from '../shared/i18n/locale-context.tsx';

/** Anything unexpected while rendering a page: a plain sentence, a retry, a way back. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const { t } = useDictionary();
  const router = useRouter();
  useEffect(() => console.error(error), [error]);

  const retry = () =>
    startTransition(() => {
      router.refresh();
      reset();
    });

  return (
    <section className="notice notice--error" aria-labelledby="error-title">
      <h1 id="error-title">{t.unavailable.title}</h1>
      <p>{t.unavailable.text}</p>
      <div className="notice__actions">
        <button type="button" className="button" onClick={retry}>
          {t.unavailable.retry}
        </button>
        <Link href="/" className="button button--secondary">
          {t.notFound.back}
        </Link>
      </div>
    </section>
  );
}
