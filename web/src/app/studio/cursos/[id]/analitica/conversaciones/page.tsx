import { isUuid } from '@aula/domain';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ConversationList } from '../../../../../../features/studio/components/analytics/conversation-list.tsx';
import { StudioPage } from '../../../../../../features/studio/components/studio-page.tsx';
import { type ConversationQuery, listConversations } from '../../../../../../features/studio/server/analytics-api.ts';
import { requireStaff } from '../../../../../../features/studio/server/staff.ts';
import { Unavailable } from '../../../../../../shared/components/unavailable.tsx';
import { DirectusError } from '../../../../../../shared/directus.ts';
import { getDictionary } from '../../../../../../shared/i18n/get-locale.ts';

export const dynamic = 'force-dynamic';

type Search = Record<string, string | string[] | undefined>;
type Props = { params: Promise<{ id: string }>; searchParams: Promise<Search> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.analytics.conversations.title, robots: { index: false } };
}

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() || undefined;

/** The filters from the address; anything unreadable is left out rather than refused. */
function queryOf(search: Search): ConversationQuery {
  const lesson = one(search.leccion);
  const student = one(search.estudiante);
  const flagged = one(search.marcadas);
  const page = Number(one(search.pagina));
  return {
    q: one(search.q)?.slice(0, 100),
    lesson: lesson && isUuid(lesson) ? lesson : undefined,
    student: student && isUuid(student) ? student : undefined,
    flagged: flagged === 'si' ? 'true' : flagged === 'no' ? 'false' : undefined,
    page: Number.isInteger(page) && page > 1 && page <= 1000 ? page : undefined,
  };
}

/** The tutor conversations of a course, searched and filtered, read-only (decision 019). */
export default async function ConversationsPage({ params, searchParams }: Props) {
  const { id } = await params;
  const token = await requireStaff(`/studio/cursos/${id}/analitica/conversaciones`);
  if (!isUuid(id)) notFound();
  const { t, locale } = await getDictionary();
  const x = t.studio.analytics;
  const query = queryOf(await searchParams);
  let list: Awaited<ReturnType<typeof listConversations>>;
  try {
    list = await listConversations({ token, courseId: id, query });
  } catch (error) {
    if (error instanceof DirectusError && error.code === 'not_found') notFound();
    if (!(error instanceof DirectusError)) throw error;
    return (
      <div className="container studio">
        <Unavailable
          t={t}
          heading="h1"
          retryHref={`/studio/cursos/${id}/analitica/conversaciones`}
          title={x.conversations.title}
          text={x.conversations.failed}
        />
      </div>
    );
  }
  const { course } = list;
  return (
    <StudioPage
      className="analytics"
      back={{ href: `/studio/cursos/${id}`, label: x.back }}
      title={`${x.conversations.title}: ${course.title}`}
      intro={x.conversations.intro}
    >
      <nav aria-label={x.nav} className="studio__nav">
        <a href={`/studio/cursos/${id}/analitica`}>{x.nav}</a>
        <a href={`/studio/cursos/${id}/analitica/conversaciones`} aria-current="page">
          {x.conversations.nav}
        </a>
      </nav>
      <ConversationList
        courseId={id}
        language={course.language}
        lessons={list.lessons}
        query={query}
        list={list}
        t={t}
        locale={locale}
      />
    </StudioPage>
  );
}
