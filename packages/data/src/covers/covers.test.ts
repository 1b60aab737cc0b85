import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { coverLook, drawCoverSvg, wrapTitle } from './draw-cover.ts';
import { CoverImageError, checkCoverImage, renderCoverPng, sniffImageType } from './render-cover.ts';

const HOSTILE = `<script>alert("x")</script> & 'quotes' "here" </text><image href="http://evil/x.png"/>`;

describe('the drawn cover', () => {
  it('escapes the title: no markup from the course reaches the SVG', () => {
    const svg = drawCoverSvg({ title: HOSTILE, subject: '<b onload="x">' });
    // Outside text nodes (where the title is, escaped) there is no script, handler or link.
    const markup = svg.replace(/>[^<]*</g, '><');
    expect(markup).not.toMatch(/script|<image|<b |onload|href/i);
    expect(svg).not.toMatch(/<script|<image|<b /i);
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('&quot;');
    expect(svg).toContain('&apos;');
    // Only the elements the drawing itself writes.
    const tags = new Set([...svg.matchAll(/<([a-z]+)/g)].map((m) => m[1]));
    expect(
      [...tags].every((t) => ['svg', 'rect', 'circle', 'polygon', 'path', 'g', 'text'].includes(t as string)),
    ).toBe(true);
  });

  it('is the same for the same title and differs between titles', () => {
    expect(drawCoverSvg({ title: 'Python para todos' })).toBe(drawCoverSvg({ title: 'Python para todos' }));
    const looks = new Set(
      ['Python para todos', 'Historia del arte', 'Cocina vegana', 'Finanzas personales', 'Redes', 'Álgebra'].map((t) =>
        JSON.stringify(coverLook(t)),
      ),
    );
    expect(looks.size).toBeGreaterThan(3);
  });

  it('wraps a long title into at most three lines, the last one marked as cut', () => {
    const lines = wrapTitle('una palabra tras otra '.repeat(20));
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/…$/);
    expect(wrapTitle('   ')).toEqual(['…']);
  });

  it('renders to a 1200×630 PNG that is not a blank box', async () => {
    const png = await renderCoverPng({ title: HOSTILE, subject: 'Seguridad web' });
    expect(sniffImageType(png)).toBe('image/png');
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([1200, 630]);
    const colours = new Set<number>();
    for (let i = 0; i < data.length; i += info.channels * 97)
      colours.add((data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!);
    expect(colours.size).toBeGreaterThan(3);
  });
});

describe('checking an uploaded image', () => {
  it('accepts png, jpeg and webp by their bytes', async () => {
    const base = sharp({ create: { width: 40, height: 20, channels: 3, background: '#336699' } });
    expect((await checkCoverImage(await base.clone().png().toBuffer())).type).toBe('image/png');
    expect((await checkCoverImage(await base.clone().jpeg().toBuffer())).type).toBe('image/jpeg');
    expect(await checkCoverImage(await base.clone().webp().toBuffer())).toEqual({
      type: 'image/webp',
      width: 40,
      height: 20,
    });
  });

  it('refuses SVG, other types, empty, broken and too large files', async () => {
    const reason = (bytes: Uint8Array) =>
      checkCoverImage(bytes).then(
        () => 'accepted',
        (e: unknown) => (e instanceof CoverImageError ? e.reason : String(e)),
      );
    expect(await reason(Buffer.from(drawCoverSvg({ title: 'x' })))).toBe('wrong_type');
    expect(await reason(Buffer.from('GIF89a....'))).toBe('wrong_type');
    expect(await reason(new Uint8Array())).toBe('empty');
    expect(await reason(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]))).toBe('unreadable');
    const big = Buffer.alloc(2 * 1024 * 1024 + 1);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(big);
    expect(await reason(big)).toBe('too_large');
  });
});
