export { providerCatalogue } from './catalogue.ts';
export {
  type CallCheck,
  checkProviders,
  formatProviderChecks,
  type ProviderCheck,
} from './check-providers.ts';
export { type CheckReferenceOptions, checkReferenceUrl } from './check-reference-url.ts';
export { createLlm } from './create-llm.ts';
export { emulatorEnv } from './emulator-env.ts';
export { LlmError } from './errors.ts';
export { findReferences } from './find-references.ts';
export { coverPrompt, generateImage, imagePriceOf } from './generate-image.ts';
export { providerJsonSchema, toProviderJsonSchema, type UnsentConstraint } from './json-schema.ts';
export { costOf, estimateTokens, type Price, priceOf } from './prices.ts';
export { TOPIC_PROPOSALS_PROMPT_VERSION, topicProposalMessages } from './prompts/topic-proposals.ts';
export { type SchemaFlavour, SUBSETS, schemaFlavour } from './schema-subsets.ts';
export {
  COVER_PROVIDERS,
  type DailyCaps,
  describeLlmSettings,
  KEY_VARS,
  LLM_VARIABLES,
  type LlmSettings,
  llmVariables,
  readLlmSettings,
} from './settings.ts';
export type * from './types.ts';
