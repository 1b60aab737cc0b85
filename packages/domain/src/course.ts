import { z } from 'zod';

export const LANGUAGES = ['es', 'en'] as const;
export const Language = z.enum(LANGUAGES);
export type Language = z.infer<typeof Language>;

export const LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export const Level = z.enum(LEVELS);
export type Level = z.infer<typeof Level>;

/** draft → generating → in_review → published → archived (a person publishes; students see only published). */
export const COURSE_STATUSES = ['draft', 'generating', 'in_review', 'published', 'archived'] as const;
export const CourseStatus = z.enum(COURSE_STATUSES);
export type CourseStatus = z.infer<typeof CourseStatus>;

/** Where a course's cover came from: drawn from its title, made by an image model, or uploaded by a person. */
export const COVER_SOURCES = ['drawn', 'generated', 'uploaded'] as const;
export const CoverSource = z.enum(COVER_SOURCES);
export type CoverSource = z.infer<typeof CoverSource>;

export const Slug = z
  .string()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lowercase letters, digits and single hyphens');

export const QuestionContent = z
  .object({
    prompt: z.string().min(1),
    options: z.array(z.string().min(1)).length(4),
    correctOption: z.number().int().min(0).max(3),
    explanation: z.string().min(1),
    lessonSection: Slug.optional(),
  })
  .strict();
export type QuestionContent = z.infer<typeof QuestionContent>;

export const QuizContent = z
  .object({
    title: z.string().min(1),
    passScore: z.number().int().min(0).max(100).default(70),
    questions: z.array(QuestionContent).min(4).max(8),
  })
  .strict();
export type QuizContent = z.infer<typeof QuizContent>;

export const ReferenceContent = z
  .object({
    url: z.url({ protocol: /^https?$/ }),
    title: z.string().min(1),
    snippet: z.string().min(1),
  })
  .strict();
export type ReferenceContent = z.infer<typeof ReferenceContent>;

export const LessonContent = z
  .object({
    slug: Slug,
    title: z.string().min(1),
    estimatedMinutes: z.number().int().min(1).max(240),
    objectives: z.array(z.string().min(1)).min(1).max(8),
    body: z.string().min(1),
    quiz: QuizContent,
    references: z.array(ReferenceContent).default([]),
  })
  .strict();
export type LessonContent = z.infer<typeof LessonContent>;

export const ModuleContent = z
  .object({
    title: z.string().min(1),
    summary: z.string().default(''),
    lessons: z.array(LessonContent).min(1),
  })
  .strict();
export type ModuleContent = z.infer<typeof ModuleContent>;

/** A whole course as content: what the demo seed and (later) the generator's assembly step produce. */
export const DemoCourse = z
  .object({
    slug: Slug,
    title: z.string().min(1),
    summary: z.string().min(1),
    language: Language,
    audience: z.string().min(1),
    level: Level,
    modules: z.array(ModuleContent).min(1),
  })
  .strict()
  .superRefine((course, ctx) => {
    const slugs = course.modules.flatMap((m) => m.lessons.map((l) => l.slug));
    const dupes = slugs.filter((s, i) => slugs.indexOf(s) !== i);
    if (dupes.length > 0) ctx.addIssue({ code: 'custom', message: `duplicate lesson slugs: ${dupes.join(', ')}` });
  });
export type DemoCourse = z.input<typeof DemoCourse>;
