import { topicFingerprint } from '@aula/domain';
import type { Ctx } from '../../context.ts';

/** Fingerprints of every topic Aula already has: course titles and proposals (any status). */
export async function knownTopics(ctx: Ctx): Promise<Set<string>> {
  const [courses, proposals] = await Promise.all([
    ctx.items('courses').readByQuery({ fields: ['title'], limit: -1 }),
    ctx.items('topic_proposals').readByQuery({ fields: ['fingerprint', 'title'], limit: -1 }),
  ]);
  return new Set([
    ...courses.map((c) => topicFingerprint(String(c.title ?? ''))),
    ...proposals.map((p) => String(p.fingerprint ?? topicFingerprint(String(p.title ?? '')))),
  ]);
}
