export * from './anchors.ts';
export * from './course.ts';
export * from './generation.ts';
export * from './learning.ts';
export * from './roles.ts';
