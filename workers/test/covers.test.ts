import { items } from '@aula/data';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, outlineOf, startHarness } from './harness.ts';

let h: Harness;
beforeAll(async () => {
  // The cover model: OpenAI's images endpoint at the emulator.
  h = await startHarness({ AULA_COVER_PROVIDER: 'openai', AULA_COVER_MODEL: 'gpt-image-1-mini' });
});
afterAll(() => h?.stop());

/** The generated course's cover: where it came from, and the stored file as Directus serves it. */
async function coverOf(courseId: string) {
  const course = await items(h.admin, 'courses').get(courseId, {
    fields: ['cover', 'cover_source', 'cover_set_at', 'cover_set_by'],
  });
  expect(course.cover).toEqual(expect.any(String));
  return { course };
}

/** A stored file's bytes, as an administrator fetches them from Directus's assets. */
async function assetBytes(fileId: string) {
  const { access_token } = await h.admin.request<{ access_token: string }>('POST', '/auth/login', h.stack.admin);
  const res = await fetch(`${h.stack.url}/assets/${fileId}`, { headers: { authorization: `Bearer ${access_token}` } });
  expect(res.status).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function assemble(runId: string) {
  const run = await h.waitForRun(runId);
  expect(run.status, JSON.stringify(run.steps.filter((s: any) => s.error))).toBe('completed');
  const [step] = await items(h.admin, 'generation_steps').list({
    filter: { run: { _eq: runId }, kind: { _eq: 'assemble' } },
    fields: ['detail'],
  });
  return step?.detail as { cover: Record<string, unknown> };
}

async function fileOf(fileId: string) {
  const file = await h.admin.request<{ type: string; width: number; height: number }>(
    'GET',
    `/files/${fileId}?fields=type,width,height`,
  );
  return file;
}

describe('a generated course gets a cover at assemble time', () => {
  it('from the image model, when one is configured', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(1) });
    const { runId, courseId } = await h.generate({ lessonCount: 1 });
    const detail = await assemble(runId);
    expect(detail.cover).toMatchObject({ source: 'generated', provider: 'openai', model: 'gpt-image-1-mini' });

    const images = h.emu.requests.filter((r) => r.route === 'openai-images');
    expect(images).toHaveLength(1);
    const body = images[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'gpt-image-1-mini', n: 1, output_format: 'png' });
    expect(String(body.prompt)).toContain('Finanzas personales para empezar');

    const { course } = await coverOf(courseId);
    expect(course.cover_source).toBe('generated');
    expect(course.cover_set_by).toBeNull();
    // Stored re-encoded as WebP, the emulator's picture (96 × 64) kept at its size.
    expect(await fileOf(course.cover as string)).toEqual({ type: 'image/webp', width: 96, height: 64 });
  });

  it('drawn from the title when the image model fails', async () => {
    h.emu.reset();
    h.emu.script({ model: 'gpt-4o-mini' }, { json: outlineOf(1) });
    h.emu.script('openai-images', { status: 400 });
    const { runId, courseId } = await h.generate({ lessonCount: 1 });
    const detail = await assemble(runId);
    expect(detail.cover).toMatchObject({ source: 'drawn' });
    expect(String(detail.cover.reason)).toMatch(/image model failed: .*safety system/);

    const { course } = await coverOf(courseId);
    expect(course.cover_source).toBe('drawn');
    expect(await fileOf(course.cover as string)).toEqual({ type: 'image/png', width: 1200, height: 630 });
    const png = await assetBytes(course.cover as string);
    // A picture, not a blank box: many colours.
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += info.channels * 101)
      colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    expect(colours.size).toBeGreaterThan(3);
  });
});
