import { channelsQueue, startChannels } from './channels-worker.ts';
import type { EndpointContext, ItemsOf, Router } from './directus.ts';
import { publicRoute, route } from './http.ts';
import { getCourseAnalytics } from './use-cases/analytics/get-course-analytics.ts';
import { getCourseConversation, listCourseConversations } from './use-cases/analytics/review-conversations.ts';
import { issueCertificate } from './use-cases/certificates/issue-certificate.ts';
import { listMyCertificates } from './use-cases/certificates/my-certificates.ts';
import { revokeCertificate } from './use-cases/certificates/revoke-certificate.ts';
import { verifyCertificate } from './use-cases/certificates/verify-certificate.ts';
import { createLinkCode } from './use-cases/channels/create-link-code.ts';
import { listChannelLinks } from './use-cases/channels/list-channel-links.ts';
import { CHATWOOT_SECRET_HEADER, receiveChatwootWebhook } from './use-cases/channels/receive-chatwoot-webhook.ts';
import { unlinkChannel } from './use-cases/channels/unlink-channel.ts';
import { acceptRegeneration, discardRegeneration } from './use-cases/decide-regeneration.ts';
import { generateCourse } from './use-cases/generate-course.ts';
import { finishStep } from './use-cases/generation/finish-step.ts';
import { completeLesson } from './use-cases/learning/complete-lesson.ts';
import { enrollInCourse } from './use-cases/learning/enroll-in-course.ts';
import { getMyProgress } from './use-cases/learning/get-my-progress.ts';
import { listQuizAttempts } from './use-cases/learning/list-quiz-attempts.ts';
import { openLesson } from './use-cases/learning/open-lesson.ts';
import { submitQuizAttempt } from './use-cases/learning/submit-quiz-attempt.ts';
import { listProviders } from './use-cases/list-providers.ts';
import { acceptProposal, dismissProposal } from './use-cases/proposals/accept-proposal.ts';
import { listProposals } from './use-cases/proposals/list-proposals.ts';
import { scanTrends } from './use-cases/proposals/scan-trends.ts';
import { archiveCourse, publishCourse } from './use-cases/publish-course.ts';
import { regenerate } from './use-cases/regenerate.ts';
import { retryRun } from './use-cases/retry-run.ts';
import { answerReview } from './use-cases/review/answer-review.ts';
import { getReviewQueue } from './use-cases/review/get-review-queue.ts';
import { cancelRun, getRun } from './use-cases/runs.ts';
import { searchCourses } from './use-cases/search-courses.ts';
import { getTutorConversation, listTutorConversations } from './use-cases/tutor/conversations.ts';
import { readTutorContext } from './use-cases/tutor/read-tutor-context.ts';
import { recordTutorReply } from './use-cases/tutor/record-tutor-reply.ts';
import { startTutorTurn } from './use-cases/tutor/start-tutor-turn.ts';

/** Aula's course API, mounted by Directus at /aula. Each route: adapter → one use case. See docs/openapi.yaml. */
export default {
  id: 'aula',
  handler: (router: Router, endpoint: EndpointContext) => {
    router.post(
      '/courses/generate',
      route(endpoint, async (ctx, req) => ({ status: 202, body: await generateCourse({ ctx, input: req.body }) })),
    );
    router.get(
      '/runs/:id',
      route(endpoint, async (ctx, req) => ({ body: await getRun({ ctx, runId: req.params.id ?? '' }) })),
    );
    router.post(
      '/runs/:id/cancel',
      route(endpoint, async (ctx, req) => ({ body: await cancelRun({ ctx, runId: req.params.id ?? '' }) })),
    );
    router.post(
      '/runs/:id/retry',
      route(endpoint, async (ctx, req) => ({ status: 202, body: await retryRun({ ctx, runId: req.params.id ?? '' }) })),
    );
    router.post(
      '/runs/:id/accept',
      route(endpoint, async (ctx, req) => ({ body: await acceptRegeneration({ ctx, runId: req.params.id ?? '' }) })),
    );
    router.post(
      '/runs/:id/discard',
      route(endpoint, async (ctx, req) => ({ body: await discardRegeneration({ ctx, runId: req.params.id ?? '' }) })),
    );
    // The workers: a course's step finishes with what it made (a lesson's text, a quiz), in one transaction.
    router.post(
      '/steps/:id/finish',
      route(endpoint, async (ctx, req) => ({
        body: await finishStep({ ctx, stepId: req.params.id ?? '', input: req.body }),
      })),
    );
    router.post(
      '/lessons/:id/regenerate',
      route(endpoint, async (ctx, req) => ({
        status: 202,
        body: await regenerate({ ctx, kind: 'lesson', id: req.params.id ?? '', input: req.body }),
      })),
    );
    router.post(
      '/quizzes/:id/regenerate',
      route(endpoint, async (ctx, req) => ({
        status: 202,
        body: await regenerate({ ctx, kind: 'quiz', id: req.params.id ?? '', input: req.body }),
      })),
    );
    // The catalogue's search: public like the catalogue (no sign-in), published courses only, ids only.
    router.get(
      '/courses/search',
      publicRoute(endpoint, async (req) => ({ body: await searchCourses({ db: endpoint.database, q: req.query.q }) })),
    );
    router.post(
      '/courses/:id/publish',
      route(endpoint, async (ctx, req) => ({ body: await publishCourse({ ctx, courseId: req.params.id ?? '' }) })),
    );
    router.post(
      '/courses/:id/archive',
      route(endpoint, async (ctx, req) => ({ body: await archiveCourse({ ctx, courseId: req.params.id ?? '' }) })),
    );

    // The studio's analytics: SQL aggregates and the tutor conversations' review (staff only, read-only).
    router.get(
      '/courses/:id/analytics',
      route(endpoint, async (ctx, req) => ({ body: await getCourseAnalytics({ ctx, courseId: req.params.id ?? '' }) })),
    );
    router.get(
      '/courses/:id/conversations',
      route(endpoint, async (ctx, req) => ({
        body: await listCourseConversations({ ctx, courseId: req.params.id ?? '', query: req.query }),
      })),
    );
    router.get(
      '/courses/:id/conversations/:conversation',
      route(endpoint, async (ctx, req) => ({
        body: await getCourseConversation({
          ctx,
          courseId: req.params.id ?? '',
          conversationId: req.params.conversation ?? '',
        }),
      })),
    );

    // Topic proposals: n8n's trend scan stores them, content managers turn them into courses.
    router.get(
      '/providers',
      route(endpoint, async (ctx) => ({ body: await listProviders({ ctx }) })),
    );
    router.post(
      '/proposals/scan',
      route(endpoint, async (ctx, req) => ({ body: await scanTrends({ ctx, input: req.body }) })),
    );
    router.get(
      '/proposals',
      route(endpoint, async (ctx, req) => ({ body: await listProposals({ ctx, status: req.query.status }) })),
    );
    router.post(
      '/proposals/:id/accept',
      route(endpoint, async (ctx, req) => ({
        status: 202,
        body: await acceptProposal({ ctx, id: req.params.id ?? '', input: req.body }),
      })),
    );
    router.post(
      '/proposals/:id/dismiss',
      route(endpoint, async (ctx, req) => ({ body: await dismissProposal({ ctx, id: req.params.id ?? '' }) })),
    );

    // Learners: enrolment, progress and quiz attempts (graded here, never in the browser).
    router.post(
      '/courses/:id/enroll',
      route(endpoint, async (ctx, req) => ({ body: await enrollInCourse({ ctx, courseId: req.params.id ?? '' }) })),
    );
    router.post(
      '/lessons/:id/complete',
      route(endpoint, async (ctx, req) => ({ body: await completeLesson({ ctx, lessonId: req.params.id ?? '' }) })),
    );
    router.post(
      '/lessons/:id/open',
      route(endpoint, async (ctx, req) => ({ body: await openLesson({ ctx, lessonId: req.params.id ?? '' }) })),
    );
    router.post(
      '/quizzes/:id/attempts',
      route(endpoint, async (ctx, req) => ({
        body: await submitQuizAttempt({ ctx, quizId: req.params.id ?? '', input: req.body }),
      })),
    );
    router.get(
      '/quizzes/:id/attempts',
      route(endpoint, async (ctx, req) => ({ body: await listQuizAttempts({ ctx, quizId: req.params.id ?? '' }) })),
    );
    // Who the course API takes the caller for (id, roles): the cheapest signed-in request, the floor the
    // benchmarks compare the course API's hot paths with.
    router.get(
      '/me',
      route(endpoint, async (ctx) => ({ body: { id: ctx.user, roles: [...ctx.roles].sort() } })),
    );
    router.get(
      '/me/progress',
      route(endpoint, async (ctx, req) => ({ body: await getMyProgress({ ctx, courseId: req.query.course }) })),
    );

    // Spaced review (decision 021): the caller's missed questions that are due, graded here like a quiz.
    router.get(
      '/me/review',
      route(endpoint, async (ctx, req) => ({ body: await getReviewQueue({ ctx, limit: req.query.limit }) })),
    );
    router.post(
      '/review/:id/answers',
      route(endpoint, async (ctx, req) => ({
        body: await answerReview({ ctx, reviewId: req.params.id ?? '', input: req.body }),
      })),
    );

    // Certificates (decision 021): issued to the holder once the course is complete, verified by anyone
    // by code (name, course, date, valid or revoked: nothing else), revoked by an administrator.
    router.post(
      '/courses/:id/certificate',
      route(endpoint, async (ctx, req) => ({ body: await issueCertificate({ ctx, courseId: req.params.id ?? '' }) })),
    );
    router.get(
      '/me/certificates',
      route(endpoint, async (ctx) => ({ body: await listMyCertificates({ ctx }) })),
    );
    router.get(
      '/certificates/:code',
      publicRoute(endpoint, async (req) => {
        const schema = await endpoint.getSchema();
        const items: ItemsOf = (collection) =>
          new endpoint.services.ItemsService(collection, { schema, accountability: null });
        return { body: await verifyCertificate({ items, code: req.params.code }) };
      }),
    );
    router.post(
      '/certificates/:code/revoke',
      route(endpoint, async (ctx, req) => ({
        body: await revokeCertificate({ ctx, code: req.params.code ?? '', input: req.body }),
      })),
    );

    // The tutor: what it may know about a lesson, the student's conversations, and each exchange.
    router.get(
      '/tutor/context',
      route(endpoint, async (ctx, req) => ({ body: await readTutorContext(ctx, req.query.lesson) })),
    );
    router.post(
      '/tutor/turns',
      route(endpoint, async (ctx, req) => ({ status: 201, body: await startTutorTurn({ ctx, input: req.body }) })),
    );
    router.get(
      '/tutor/conversations',
      route(endpoint, async (ctx, req) => ({
        body: await listTutorConversations({ ctx, lessonId: req.query.lesson }),
      })),
    );
    router.get(
      '/tutor/conversations/:id',
      route(endpoint, async (ctx, req) => ({ body: await getTutorConversation({ ctx, id: req.params.id ?? '' }) })),
    );
    router.post(
      '/tutor/conversations/:id/replies',
      route(endpoint, async (ctx, req) => ({
        status: 201,
        body: await recordTutorReply({ ctx, conversationId: req.params.id ?? '', input: req.body }),
      })),
    );

    // The chat channels: Chatwoot's Agent Bot webhook (a secret, no sign-in), and a student's links.
    startChannels(endpoint);
    router.post(
      '/channels/chatwoot/webhook',
      publicRoute(endpoint, async (req) => ({
        body: await receiveChatwootWebhook({
          endpoint,
          queue: () => channelsQueue(endpoint),
          secret: req.headers[CHATWOOT_SECRET_HEADER] ?? req.query.secret,
          body: req.body,
        }),
      })),
    );
    router.post(
      '/channels/link-codes',
      route(endpoint, async (ctx) => ({ status: 201, body: await createLinkCode({ ctx }) })),
    );
    router.get(
      '/channels/links',
      route(endpoint, async (ctx) => ({ body: await listChannelLinks({ ctx }) })),
    );
    router.post(
      '/channels/links/:id/unlink',
      route(endpoint, async (ctx, req) => ({ body: await unlinkChannel({ ctx, id: req.params.id ?? '' }) })),
    );
  },
};
