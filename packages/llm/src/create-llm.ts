import type { Provider } from '@aula/domain';
import { resolveChain } from './chain.ts';
import { findReferences } from './find-references.ts';
import { generateImage } from './generate-image.ts';
import { generateObject, type LlmDeps } from './generate-object.ts';
import type { ProviderAdapter } from './providers/adapter.ts';
import { createAdapter } from './providers/create-adapter.ts';
import { streamText } from './stream-text.ts';
import type { Llm, LlmConfig } from './types.ts';

/** The LLM surface for workers and the tutor: one client per provider, created on first use. */
export function createLlm(config: LlmConfig): Llm {
  const adapters = new Map<Provider, ProviderAdapter>();
  const deps: LlmDeps = {
    config,
    adapterFor({ provider }) {
      let adapter = adapters.get(provider);
      if (!adapter) {
        adapter = createAdapter(provider, config);
        adapters.set(provider, adapter);
      }
      return adapter;
    },
  };
  return {
    generateObject: (input) => generateObject(deps, input),
    streamText: (input) => streamText(deps, input),
    chain: (task, choice) => resolveChain(config, task, choice),
    findReferences: (input) => findReferences(config, input),
    cover: config.cover,
    generateImage: (input) => generateImage(config, input),
  };
}
