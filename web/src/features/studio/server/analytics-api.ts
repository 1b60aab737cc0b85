import 'server-only';
import { ConversationReview, ConversationReviewList, CourseAnalytics } from '@aula/domain';
import { directusFetch, parseAnswer } from '../../../shared/directus.ts';

// The studio's analytics through the course API, with the staff member's own token: the course API
// checks the role and computes every figure in PostgreSQL (decision 019).

const course = (id: string) => `/aula/courses/${encodeURIComponent(id)}`;

export async function getCourseAnalytics({ token, courseId }: { token: string; courseId: string }) {
  const json = await directusFetch({ path: `${course(courseId)}/analytics`, token });
  return parseAnswer('GET /aula/courses/:id/analytics', CourseAnalytics, json);
}

/** The filters of the review screen, as the page's address gives them (`?q=&leccion=&estudiante=&marcadas=&pagina=`). */
export type ConversationQuery = {
  q?: string;
  lesson?: string;
  student?: string;
  flagged?: 'true' | 'false';
  page?: number;
};

export async function listConversations({
  token,
  courseId,
  query,
}: {
  token: string;
  courseId: string;
  query: ConversationQuery;
}) {
  const params: Record<string, string> = {};
  if (query.q) params.q = query.q;
  if (query.lesson) params.lesson = query.lesson;
  if (query.student) params.student = query.student;
  if (query.flagged) params.flagged = query.flagged;
  if (query.page && query.page > 1) params.page = String(query.page);
  const json = await directusFetch({ path: `${course(courseId)}/conversations`, params, token });
  return parseAnswer('GET /aula/courses/:id/conversations', ConversationReviewList, json);
}

export async function getConversation({
  token,
  courseId,
  conversationId,
}: {
  token: string;
  courseId: string;
  conversationId: string;
}) {
  const json = await directusFetch({
    path: `${course(courseId)}/conversations/${encodeURIComponent(conversationId)}`,
    token,
  });
  return parseAnswer('GET /aula/courses/:id/conversations/:id', ConversationReview, json);
}
