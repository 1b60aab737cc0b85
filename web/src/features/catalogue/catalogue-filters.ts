import { Language, Level } from '@aula/domain';
import { z } from 'zod';

export type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);

/**
 * What a visitor asked the catalogue for (`?q=&language=&level=`). Anything malformed is ignored
 * rather than rejected: a stale or hand-edited URL still shows a catalogue.
 */
export const CatalogueFilters = z.object({
  q: z.preprocess(first, z.string().trim().max(100).catch('').default('')),
  language: z.preprocess(first, Language.optional().catch(undefined)),
  level: z.preprocess(first, Level.optional().catch(undefined)),
});
export type CatalogueFilters = z.output<typeof CatalogueFilters>;

export function parseCatalogueFilters(params: SearchParams): CatalogueFilters {
  return CatalogueFilters.parse(params);
}

export function hasFilters(filters: CatalogueFilters): boolean {
  return filters.q !== '' || filters.language !== undefined || filters.level !== undefined;
}

/** The catalogue URL for these filters (empty ones left out). */
export function catalogueHref(filters: CatalogueFilters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  if (filters.language) params.set('language', filters.language);
  if (filters.level) params.set('level', filters.level);
  const query = params.toString();
  return query ? `/?${query}` : '/';
}
