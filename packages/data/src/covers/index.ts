/** `@aula/data/covers`: course covers, drawn or stored (sharp; server-side only). */
export {
  COVER_HEIGHT,
  COVER_WIDTH,
  type CoverInput,
  coverLook,
  drawCoverSvg,
  escapeXml,
  hashTitle,
  wrapTitle,
} from './draw-cover.ts';
export {
  COVER_MAX_BYTES,
  COVER_TYPES,
  CoverImageError,
  type CoverType,
  checkCoverImage,
  prepareGeneratedCover,
  renderCoverPng,
  sniffImageType,
} from './render-cover.ts';
export { type StoreCoverInput, storeCourseCover, storeDrawnCover } from './store-cover.ts';
