import { isUuid } from '@aula/domain';
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ConversationTranscript } from '../../../../../../../features/studio/components/analytics/conversation-transcript.tsx';
import { StudioPage } from '../../../../../../../features/studio/components/studio-page.tsx';
import { getConversation } from '../../../../../../../features/studio/server/analytics-api.ts';
import { requireStaff } from '../../../../../../../features/studio/server/staff.ts';
import { DirectusError } from '../../../../../../../shared/directus.ts';
import { getDictionary } from '../../../../../../../shared/i18n/get-locale.ts';
import { orUnavailable } from '../../../../../../../shared/or-unavailable.ts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string; conversationId: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.studio.analytics.conversations.title, robots: { index: false } };
}

/** One tutor conversation of a course, read-only (decision 019). */
export default async function ConversationPage({ params }: Props) {
  const { id, conversationId } = await params;
  const token = await requireStaff(`/studio/cursos/${id}/analitica/conversaciones/${conversationId}`);
  if (!isUuid(id) || !isUuid(conversationId)) notFound();
  const { t, locale } = await getDictionary();
  const c = t.studio.analytics.conversations;
  const conversation = await orUnavailable(
    getConversation({ token, courseId: id, conversationId }).catch((error: unknown) => {
      if (error instanceof DirectusError && error.code === 'not_found') notFound();
      throw error;
    }),
  );
  return (
    <StudioPage
      className="analytics"
      back={{ href: `/studio/cursos/${id}/analitica/conversaciones`, label: c.back }}
      title={conversation?.title ?? c.untitled}
    >
      {conversation ? (
        <ConversationTranscript conversation={conversation} t={t} locale={locale} />
      ) : (
        <p role="alert">{c.failed}</p>
      )}
    </StudioPage>
  );
}
