export { type CheckReferenceOptions, checkReferenceUrl } from './check-reference-url.ts';
export { describeLlmConfig, KEY_VARS, readLlmConfig } from './config.ts';
export { createLlm } from './create-llm.ts';
export { emulatorEnv } from './emulator-env.ts';
export { LlmError } from './errors.ts';
export { findReferences } from './find-references.ts';
export { toProviderJsonSchema } from './json-schema.ts';
export { costOf, estimateTokens, type Price, priceOf } from './prices.ts';
export type * from './types.ts';
