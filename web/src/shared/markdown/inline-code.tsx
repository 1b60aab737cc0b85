import { Fragment } from 'react';

/**
 * Plain text in which `backticks` mark code, as quiz questions and options write it: the code is
 * shown as `<code>`, everything else as text (React escapes it; no HTML is ever parsed). An unpaired
 * backtick stays a backtick.
 */
export function InlineCode({ text }: { text: string }) {
  const parts = text.split(/`([^`\n]+)`/);
  if (parts.length === 1) return text;
  return parts.map((part, index) =>
    index % 2 === 1 ? (
      // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one string, in order, never reordered.
      <code key={index} className="inline-code">
        {part}
      </code>
    ) : (
      // biome-ignore lint/suspicious/noArrayIndexKey: as above.
      <Fragment key={index}>{part}</Fragment>
    ),
  );
}
