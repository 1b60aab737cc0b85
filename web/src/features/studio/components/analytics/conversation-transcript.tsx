import type { ConversationReview } from '@aula/domain';
import type { Dictionary } from '../../../../shared/i18n/dictionary.ts';

/** One tutor conversation, read-only: who, which lesson, every message as plain text, oldest first. */
export function ConversationTranscript({
  conversation,
  language,
  t,
  locale,
}: {
  conversation: ConversationReview;
  /** The course's language, when known: the messages are in it. */
  language?: string | undefined;
  t: Dictionary;
  locale: string;
}) {
  const c = t.studio.analytics.conversations;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return (
    <>
      <dl className="analytics__summary">
        <div>
          <dt>{c.student}</dt>
          <dd>{conversation.student.name}</dd>
        </div>
        <div>
          <dt>{c.lesson}</dt>
          <dd lang={language}>{conversation.lessonTitle}</dd>
        </div>
        <div>
          <dt>{c.updated}</dt>
          <dd>{when.format(new Date(conversation.updatedAt))}</dd>
        </div>
        {conversation.flagged ? (
          <div>
            <dt>{c.flagged}</dt>
            <dd>{c.flag}</dd>
          </div>
        ) : null}
      </dl>
      <h2>{c.transcript}</h2>
      <ol className="analytics__transcript">
        {conversation.messages.map((m) => (
          <li key={m.id} className={`analytics__message analytics__message--${m.role}`}>
            <p className="analytics__message-head">
              <strong>{c.roles[m.role]}</strong> ·{' '}
              <time dateTime={m.createdAt}>{when.format(new Date(m.createdAt))}</time>
              {c.statuses[m.status] ? <span className="badge badge--warning">{c.statuses[m.status]}</span> : null}
            </p>
            <p className="analytics__message-text" lang={language}>
              {m.content}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
