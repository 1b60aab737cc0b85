import { createApi, items } from '@aula/data';
import { createLlm, readLlmSettings } from '@aula/llm';
import { DENY_ALL_PRIVATE } from '@aula/net';
import { describe, expect, inject, it } from 'vitest';
import type { WorkerCtx } from '../src/context.ts';
import { references } from '../src/processors/references.ts';
import { ledgerOf } from '../src/steps.ts';

describe('references without Browser Use', () => {
  it('marks the step skipped with the reason, and the run goes on', async () => {
    const stack = inject('stack');
    const token = stack.users.find((u) => u.role === 'generator')?.token;
    const { access_token } = await createApi(stack.url).request<{ access_token: string }>(
      'POST',
      '/auth/login',
      stack.admin,
    );
    const admin = createApi(stack.url, access_token);
    const config = readLlmSettings({ GROQ_API_KEY: 'gsk_test' });
    expect(config.browserUse.apiKey).toBeFalsy();
    const ctx = {
      api: createApi(stack.url, token),
      llm: createLlm(config),
      referencesEnabled: Boolean(config.browserUse.apiKey),
      outboundPolicy: DENY_ALL_PRIVATE,
      log: () => {},
    } as unknown as WorkerCtx;

    const [lesson] = await items(admin, 'lessons').list({
      filter: { course: { slug: { _eq: 'primeros-pasos-con-python' } } },
      fields: ['id', 'course'],
      limit: 1,
    });
    const run = await items(admin, 'generation_runs').create({
      course: lesson?.course,
      status: 'running',
      request: { kind: 'course', topic: 'Python', language: 'es', lessonCount: 1 },
      progress_total: 5,
    });
    await references(
      ctx,
      { attemptsMade: 0, opts: { attempts: 4 } },
      { runId: run.id, lessonId: lesson?.id as string },
    );

    const [step] = await items(admin, 'generation_steps').list({
      filter: { run: { _eq: run.id } },
      fields: ['kind', 'status', 'detail'],
    });
    expect(step).toMatchObject({
      kind: 'references',
      status: 'skipped',
      detail: { reason: 'BROWSER_USE_API_KEY is not set' },
    });
    // A course's step writes the run's totals in the background (the worker waits for them on close).
    await ledgerOf(ctx).settle();
    const after = await items(admin, 'generation_runs').get(run.id, { fields: ['status', 'progress_done'] });
    expect(after).toEqual({ status: 'running', progress_done: 1 });
  });
});
