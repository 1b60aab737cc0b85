import 'server-only';
import { DirectusError } from './directus.ts';

/**
 * What a page reads, or `null` when Directus or the course API could not answer it: the page then
 * says so in a sentence instead of failing whole. Any other error is a bug and is thrown.
 */
export async function orUnavailable<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return null;
  }
}
