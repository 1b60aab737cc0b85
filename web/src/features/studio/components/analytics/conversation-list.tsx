import type { ConversationReviewList } from '@aula/domain';
import type { Dictionary } from '../../../../shared/i18n/dictionary.ts';
import type { ConversationQuery } from '../../server/analytics-api.ts';
import { StudioTable } from '../studio-table.tsx';

/** The page's address with these filters (the review screen is plain links and a GET form: no JavaScript needed). */
export function conversationsHref(courseId: string, q: ConversationQuery): string {
  const params = new URLSearchParams();
  if (q.q) params.set('q', q.q);
  if (q.lesson) params.set('leccion', q.lesson);
  if (q.student) params.set('estudiante', q.student);
  if (q.flagged) params.set('marcadas', q.flagged === 'true' ? 'si' : 'no');
  if (q.page && q.page > 1) params.set('pagina', String(q.page));
  const query = params.toString();
  return `/studio/cursos/${courseId}/analitica/conversaciones${query ? `?${query}` : ''}`;
}

/**
 * The tutor conversations of a course for review: a search box and filters (lesson, student, flagged),
 * then the matching conversations, newest first, a page at a time; each opens read-only.
 */
export function ConversationList({
  courseId,
  language,
  lessons,
  query,
  list,
  t,
  locale,
}: {
  courseId: string;
  language: string;
  lessons: { id: string; title: string }[];
  query: ConversationQuery;
  list: ConversationReviewList;
  t: Dictionary;
  locale: string;
}) {
  const c = t.studio.analytics.conversations;
  const pages = Math.max(1, Math.ceil(list.total / list.pageSize));
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
  return (
    <>
      <form method="get" className="analytics__filters" aria-label={c.filters}>
        <div className="field">
          <label htmlFor="conv-q">{c.search}</label>
          <input id="conv-q" name="q" type="search" maxLength={100} defaultValue={query.q ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="conv-lesson">{c.lesson}</label>
          <select id="conv-lesson" name="leccion" defaultValue={query.lesson ?? ''}>
            <option value="">{c.anyLesson}</option>
            {lessons.map((l, i) => (
              <option key={l.id} value={l.id} lang={language}>{`${i + 1}. ${l.title}`}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="conv-student">{c.student}</label>
          <select id="conv-student" name="estudiante" defaultValue={query.student ?? ''}>
            <option value="">{c.anyStudent}</option>
            {list.students.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="conv-flagged">{c.flagged}</label>
          <select
            id="conv-flagged"
            name="marcadas"
            defaultValue={query.flagged === 'true' ? 'si' : query.flagged === 'false' ? 'no' : ''}
          >
            <option value="">{c.anyFlag}</option>
            <option value="si">{c.onlyFlagged}</option>
            <option value="no">{c.notFlagged}</option>
          </select>
        </div>
        <div className="analytics__filter-actions">
          <button type="submit" className="button">
            {c.apply}
          </button>
          <a href={conversationsHref(courseId, {})}>{c.clear}</a>
        </div>
      </form>
      <p role="status">{c.count(list.total)}</p>
      {list.conversations.length === 0 ? (
        <p>{c.empty}</p>
      ) : (
        <StudioTable caption={c.caption} columns={[c.conversation, c.student, c.lesson, c.messages, c.updated]}>
          {list.conversations.map((conv) => (
            <tr key={conv.id}>
              <th scope="row">
                <a href={`/studio/cursos/${courseId}/analitica/conversaciones/${conv.id}`} lang={language}>
                  {conv.title ?? c.untitled}
                </a>
                {conv.flagged ? (
                  <span className="badge badge--warning" title={c.flag}>
                    {c.flagShort}
                  </span>
                ) : null}
              </th>
              <td data-label={c.student}>{conv.student.name}</td>
              <td data-label={c.lesson} lang={language}>
                {conv.lessonTitle}
              </td>
              <td data-label={c.messages}>{conv.messages}</td>
              <td data-label={c.updated}>{when.format(new Date(conv.updatedAt))}</td>
            </tr>
          ))}
        </StudioTable>
      )}
      {pages > 1 ? (
        <nav aria-label={c.page(list.page, pages)} className="analytics__pager">
          {list.page > 1 ? (
            <a href={conversationsHref(courseId, { ...query, page: list.page - 1 })} rel="prev">
              {c.previous}
            </a>
          ) : null}
          <span>{c.page(list.page, pages)}</span>
          {list.page < pages ? (
            <a href={conversationsHref(courseId, { ...query, page: list.page + 1 })} rel="next">
              {c.next}
            </a>
          ) : null}
        </nav>
      ) : null}
    </>
  );
}
