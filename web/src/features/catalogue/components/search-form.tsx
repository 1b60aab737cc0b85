import { LANGUAGES } from '@aula/domain';
import Form from 'next/form';
import { LevelOptions } from '../../../shared/components/level-options.tsx';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import type { CatalogueFilters } from '../catalogue-filters.ts';

/**
 * A GET form on `/`: without JavaScript it is an ordinary form submission, with it `next/form`
 * navigates on the client. `compact` keeps only the search box (for the not-found page).
 */
export function SearchForm({
  t,
  filters,
  compact = false,
}: {
  t: Dictionary;
  filters?: CatalogueFilters;
  compact?: boolean;
}) {
  return (
    <Form
      action="/"
      role="search"
      aria-label={t.catalogue.searchLabel}
      className={compact ? 'search search--compact' : 'search'}
    >
      <div className="field field--grow">
        <label htmlFor="q">{t.catalogue.searchLabel}</label>
        <input
          id="q"
          name="q"
          type="search"
          defaultValue={filters?.q}
          placeholder={t.catalogue.searchPlaceholder}
          maxLength={100}
        />
      </div>
      {compact ? null : (
        <>
          <div className="field">
            <label htmlFor="language">{t.catalogue.languageLabel}</label>
            <select id="language" name="language" defaultValue={filters?.language ?? ''}>
              <option value="">{t.catalogue.any}</option>
              {LANGUAGES.map((language) => (
                <option key={language} value={language}>
                  {t.language.names[language]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="level">{t.catalogue.levelLabel}</label>
            <select id="level" name="level" defaultValue={filters?.level ?? ''}>
              <option value="">{t.catalogue.any}</option>
              <LevelOptions t={t} />
            </select>
          </div>
        </>
      )}
      <button type="submit" className="button">
        {t.catalogue.submit}
      </button>
    </Form>
  );
}
