export * from './anchors.ts';
export * from './course.ts';
export * from './errors.ts';
export * from './generation.ts';
export * from './generation-request.ts';
export * from './ids.ts';
export * from './learning.ts';
export * from './roles.ts';
