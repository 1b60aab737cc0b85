'use client';
import type { QuestionDraft, RegenerationResult } from '@aula/domain';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { type DiffLine, diffStats, lineDiff, sideBySide, type WordPart, wordDiff } from '../line-diff.ts';

function Cell({ line, parts }: { line: DiffLine | null; parts?: WordPart[] | undefined }) {
  const { t } = useDictionary();
  if (!line) return <td className="diff__cell diff__cell--empty" />;
  const mark =
    line.op === 'removed' ? t.studio.regen.removedLine : line.op === 'added' ? t.studio.regen.addedLine : null;
  // Within a line that another replaces, only the words that changed are marked (<del> / <ins>).
  const Changed = line.op === 'removed' ? 'del' : 'ins';
  return (
    <td className={`diff__cell diff__cell--${line.op}`}>
      {mark ? <span className="sr-only">{mark} </span> : null}
      {parts
        ? parts.map((part, i) =>
            part.changed ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts of a fixed line, never reordered.
              <Changed key={i} className="diff__word">
                {part.text}
              </Changed>
            ) : (
              // biome-ignore lint/suspicious/noArrayIndexKey: parts of a fixed line, never reordered.
              <span key={i}>{part.text}</span>
            ),
          )
        : line.text || '\u00a0'}
    </td>
  );
}

/** Two versions of a text side by side, changed lines marked (and named for screen readers), changed words within them. */
export function TextDiff({
  before,
  after,
  caption,
  lang,
}: {
  before: string;
  after: string;
  caption: string;
  lang: string;
}) {
  const { t } = useDictionary();
  const lines = lineDiff(before, after);
  const { removed, added } = diffStats(lines);
  return (
    <div className="table-scroll">
      <table className="diff" lang={lang}>
        <caption>
          {caption} <span className="diff__stats">({t.studio.regen.diffStats(removed, added)})</span>
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.studio.regen.before}</th>
            <th scope="col">{t.studio.regen.after}</th>
          </tr>
        </thead>
        <tbody>
          {sideBySide(lines).map((row, i) => {
            const paired = row.before?.op === 'removed' && row.after?.op === 'added';
            const words = paired ? wordDiff(row.before?.text ?? '', row.after?.text ?? '') : null;
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows of a fixed diff, never reordered.
              <tr key={i}>
                <Cell line={row.before} parts={words?.before} />
                <Cell line={row.after} parts={words?.after} />
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** A question as lines to compare: prompt, options (the correct one marked), explanation. */
function questionText(q: QuestionDraft | undefined, correct: string, explanation: string): string {
  if (!q) return '';
  return [
    q.prompt,
    ...q.options.map((option, o) => `${'ABCD'[o] ?? o + 1}. ${option}${o === q.correctOption ? ` (${correct})` : ''}`),
    q.explanation ? `${explanation}: ${q.explanation}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** A regeneration's old and new version: the lesson's Markdown, or the quiz question by question. */
export function RegenerationDiff({ result, lang }: { result: RegenerationResult; lang: string }) {
  const { t } = useDictionary();
  if (result.kind === 'lesson') {
    return (
      <TextDiff before={result.before.body} after={result.after.body} caption={t.studio.regen.diffTitle} lang={lang} />
    );
  }
  const count = Math.max(result.before.questions.length, result.after.questions.length);
  const text = (q: QuestionDraft | undefined) => questionText(q, t.studio.review.correct, t.studio.review.explanation);
  return (
    <div className="diff-quiz">
      {Array.from({ length: count }, (_, i) => {
        const before = text(result.before.questions[i]);
        const after = text(result.after.questions[i]);
        const caption = t.studio.regen.question(i + 1);
        return before === after ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: questions are positional.
          <p key={i}>
            {caption}: {t.studio.regen.unchanged}
          </p>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: questions are positional.
          <TextDiff key={i} before={before} after={after} caption={caption} lang={lang} />
        );
      })}
    </div>
  );
}
