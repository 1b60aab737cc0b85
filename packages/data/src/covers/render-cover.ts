import sharp from 'sharp';
import { type CoverInput, drawCoverSvg } from './draw-cover.ts';

/** The drawn cover as a PNG (what is stored: Directus resizes and converts PNGs, and no SVG reaches a browser). */
export async function renderCoverPng(input: CoverInput): Promise<Buffer> {
  return sharp(Buffer.from(drawCoverSvg(input)), { density: 72 })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

export const COVER_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type CoverType = (typeof COVER_TYPES)[number];
/** The largest cover a person may upload. */
export const COVER_MAX_BYTES = 2 * 1024 * 1024;

/**
 * What an uploaded or generated image really is, read from its bytes (never from its name or the
 * type a browser claims): png, jpeg or webp, or `null` for anything else.
 */
export function sniffImageType(bytes: Uint8Array): CoverType | null {
  const starts = (sig: number[], at = 0) => sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

/**
 * Checks an image before it is stored: its type from its bytes, its size, and that it decodes (sharp
 * reads its header). Throws a plain sentence; answers its type and size in pixels.
 */
export async function checkCoverImage(bytes: Uint8Array): Promise<{ type: CoverType; width: number; height: number }> {
  if (bytes.byteLength === 0) throw new CoverImageError('empty', 'The image is empty.');
  if (bytes.byteLength > COVER_MAX_BYTES) throw new CoverImageError('too_large', 'The image is larger than 2 MB.');
  const type = sniffImageType(bytes);
  if (!type) throw new CoverImageError('wrong_type', 'The image must be a PNG, JPEG or WebP file.');
  try {
    const meta = await sharp(bytes).metadata();
    if (!meta.width || !meta.height) throw new Error('no size');
    return { type, width: meta.width, height: meta.height };
  } catch {
    throw new CoverImageError('unreadable', 'The image cannot be read.');
  }
}

/** Why an image cannot be a cover; `reason` is what the studio says in the reader's language. */
export class CoverImageError extends Error {
  readonly reason: 'empty' | 'too_large' | 'wrong_type' | 'unreadable';
  constructor(reason: CoverImageError['reason'], message: string) {
    super(message);
    this.name = 'CoverImageError';
    this.reason = reason;
  }
}

/**
 * An image from an image model, made ready to store: checked to be a PNG, JPEG or WebP that decodes,
 * at most 1600 px wide, re-encoded as WebP (a generated PNG is often several MB).
 */
export async function prepareGeneratedCover(bytes: Uint8Array): Promise<Buffer> {
  if (!sniffImageType(bytes))
    throw new CoverImageError('wrong_type', 'The image model answered something that is not an image.');
  try {
    return await sharp(bytes).resize({ width: 1600, withoutEnlargement: true }).webp({ quality: 82 }).toBuffer();
  } catch {
    throw new CoverImageError('unreadable', 'The image model answered an image that cannot be read.');
  }
}
