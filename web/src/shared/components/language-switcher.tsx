'use client';
import { usePathname, useSearchParams } from 'next/navigation';
import { Suspense } from 'react';
import { useDictionary } from '../i18n/locale-context.tsx';
import { AUTONYMS, LOCALES } from '../i18n/locales.ts';

/**
 * A plain POST form (works without JavaScript): `/idioma` stores the choice in the `aula_locale`
 * cookie and sends the visitor back to the page they were on.
 */
export function LanguageSwitcher() {
  return (
    <Suspense fallback={<SwitcherForm back="" />}>
      <SwitcherOnThisPage />
    </Suspense>
  );
}

function SwitcherOnThisPage() {
  const pathname = usePathname();
  const query = useSearchParams().toString();
  return <SwitcherForm back={query ? `${pathname}?${query}` : pathname} />;
}

function SwitcherForm({ back }: { back: string }) {
  const { locale, t } = useDictionary();
  return (
    <form method="post" action="/idioma" className="language-switcher">
      <fieldset>
        <legend className="sr-only">{t.language.switcherLabel}</legend>
        {back ? <input type="hidden" name="next" value={back} /> : null}
        {LOCALES.map((option) => (
          <button
            key={option}
            type="submit"
            name="locale"
            value={option}
            lang={option}
            aria-current={option === locale ? 'true' : undefined}
          >
            {AUTONYMS[option]}
          </button>
        ))}
      </fieldset>
    </form>
  );
}
