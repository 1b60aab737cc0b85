'use client';
import type { QuizCheckFlag } from '@aula/domain';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';

/**
 * What the quiz checks still found wrong with a generated question after its one regeneration
 * (decision 020), each with its reason, in the reviewer's language. Nothing when it passed.
 */
export function QuestionFlags({ flags }: { flags: QuizCheckFlag[] | null }) {
  const { t, locale } = useDictionary();
  const c = t.studio.quizChecks;
  if (!flags || flags.length === 0) return null;
  return (
    <div className="review__flags" role="note" lang={locale}>
      <p>
        <strong>{c.heading}</strong>
      </p>
      <ul>
        {flags.map((flag) => (
          <li key={`${flag.check}-${flag.items?.join('-') ?? ''}`} data-check={flag.check}>
            {c.reasons[flag.check](flag.items ?? [], flag.score ?? null)}
            {flag.note ? ` ${flag.note}` : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
