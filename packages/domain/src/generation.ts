import { z } from 'zod';

export const RUN_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export const RunStatus = z.enum(RUN_STATUSES);
export type RunStatus = z.infer<typeof RunStatus>;

export const STEP_KINDS = ['outline', 'lesson', 'quiz', 'references', 'assemble', 'scan'] as const;
export const StepKind = z.enum(STEP_KINDS);
export type StepKind = z.infer<typeof StepKind>;

export const STEP_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled', 'skipped'] as const;
export const StepStatus = z.enum(STEP_STATUSES);
export type StepStatus = z.infer<typeof StepStatus>;

export const PROVIDERS = ['gemini', 'groq', 'openai', 'openrouter', 'gpt-oss'] as const;
export const Provider = z.enum(PROVIDERS);
export type Provider = z.infer<typeof Provider>;

export const PROPOSAL_STATUSES = ['new', 'accepted', 'dismissed'] as const;
export const ProposalStatus = z.enum(PROPOSAL_STATUSES);
export type ProposalStatus = z.infer<typeof ProposalStatus>;
