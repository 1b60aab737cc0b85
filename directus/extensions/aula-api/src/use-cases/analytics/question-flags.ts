import { MIN_ANSWERS_TO_FLAG, type QuestionFigures, type QuestionFlag } from '@aula/domain';

/**
 * Why a question looks broken, once enough students answered it (MIN_ANSWERS_TO_FLAG first attempts):
 * it separates strong and weak students the wrong way, a wrong option draws more than the key, or
 * nearly everyone (over 95 %) or hardly anyone (under 20 %) gets it right.
 */
export function questionFlags(
  q: Pick<QuestionFigures, 'answered' | 'difficulty' | 'discrimination' | 'chosen' | 'correctOption'>,
): QuestionFlag[] {
  if (q.answered < MIN_ANSWERS_TO_FLAG || q.difficulty === null) return [];
  const flags: QuestionFlag[] = [];
  if (q.discrimination !== null && q.discrimination < 0) flags.push('negative_discrimination');
  const key = q.chosen[q.correctOption] ?? 0;
  if (q.chosen.some((n, i) => i !== q.correctOption && n > key)) flags.push('distractor_beats_key');
  if (q.difficulty > 0.95) flags.push('too_easy');
  if (q.difficulty < 0.2) flags.push('too_hard');
  return flags;
}
