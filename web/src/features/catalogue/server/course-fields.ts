import 'server-only';
import { Language, Level } from '@aula/domain';
import { z } from 'zod';
import { rowShape } from '../../../shared/row-shape.ts';

/**
 * What a catalogue card and a course page both read of a published course: these columns of its
 * row, in this shape. Each adds what only it needs (the lessons' minutes, the outline).
 */
export const CourseSummaryRow = rowShape<'courses'>()({
  title: z.string(),
  slug: z.string(),
  summary: z.string().nullable(),
  audience: z.string().nullable(),
  language: Language,
  level: Level,
  estimated_minutes: z.number().nullable(),
  /** The cover's file key: its version in the cover's address (cover-url.ts). */
  cover: z.string().nullable(),
});
export const COURSE_SUMMARY_FIELDS = Object.keys(CourseSummaryRow);
