/** The heading of a page that is loading, and the sentence a screen reader hears. */
export function LoadingIntro({ title, text }: { title: string; text: string }) {
  return (
    <div className="page-intro">
      <h1>{title}</h1>
      <p className="lead" role="status">
        {text}
      </p>
    </div>
  );
}

/** Grey lines where text will be: a title, `lines` lines, a short last one. */
export function SkeletonLines({ lines }: { lines: number }) {
  return (
    <>
      <span className="skeleton skeleton--title" />
      {Array.from({ length: lines }, (_, n) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: identical, empty placeholders.
        <span key={n} className="skeleton" />
      ))}
      <span className="skeleton skeleton--short" />
    </>
  );
}
