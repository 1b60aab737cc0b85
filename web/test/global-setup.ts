import { startTestStack } from '@aula/directus/testing';
import type { TestProject } from 'vitest/node';
import { assertBuilt, type RunningWeb, startWeb } from './web-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    web: { url: string; directusUrl: string; admin: { email: string; password: string } };
  }
}

const DRAFT_SLUG = 'curso-borrador';

async function adminToken(url: string, admin: { email: string; password: string }): Promise<string> {
  const res = await fetch(`${url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  if (!res.ok) throw new Error(`admin login: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { data: { access_token: string } }).data.access_token;
}

/** Directus with the demo course plus a draft, and the built web app in front of it. */
export default async function globalSetup(project: TestProject) {
  assertBuilt();
  const stack = await startTestStack();
  let web: RunningWeb | undefined;
  try {
    const token = await adminToken(stack.url, stack.admin);
    const res = await fetch(`${stack.url}/items/courses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        title: 'Curso borrador de Python',
        slug: DRAFT_SLUG,
        status: 'draft',
        language: 'es',
        level: 'beginner',
      }),
    });
    if (!res.ok) throw new Error(`creating the draft course: ${res.status} ${await res.text()}`);
    web = await startWeb({ directusUrl: stack.url });
  } catch (error) {
    await stack.stop();
    throw error;
  }
  project.provide('web', { url: web.url, directusUrl: stack.url, admin: stack.admin });
  return async () => {
    await web?.stop();
    await stack.stop();
  };
}
