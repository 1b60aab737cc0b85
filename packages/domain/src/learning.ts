import { z } from 'zod';

export const ENROLLMENT_STATUSES = ['active', 'completed'] as const;
export const EnrollmentStatus = z.enum(ENROLLMENT_STATUSES);

export const MESSAGE_ROLES = ['user', 'assistant'] as const;
export const MessageRole = z.enum(MESSAGE_ROLES);
export type MessageRole = z.infer<typeof MessageRole>;

export const REFERENCE_CHECK_STATUSES = ['unchecked', 'ok', 'broken'] as const;
