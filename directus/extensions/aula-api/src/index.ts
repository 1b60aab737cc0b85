import type { EndpointContext, Router } from './directus.ts';
import { route } from './http.ts';
import { generateCourse } from './use-cases/generate-course.ts';
import { publishCourse } from './use-cases/publish-course.ts';
import { regenerate } from './use-cases/regenerate.ts';
import { cancelRun, getRun } from './use-cases/runs.ts';

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
    router.post(
      '/courses/:id/publish',
      route(endpoint, async (ctx, req) => ({ body: await publishCourse({ ctx, courseId: req.params.id ?? '' }) })),
    );
  },
};
