import { LEVELS } from '@aula/domain';
import type { Dictionary } from '../i18n/dictionary.ts';

/** The course levels as a select's options, in the visitor's language. */
export function LevelOptions({ t }: { t: Dictionary }) {
  return LEVELS.map((level) => (
    <option key={level} value={level}>
      {t.levels[level]}
    </option>
  ));
}
