import { type ProviderCatalogue, ROLE_NAMES } from '@aula/domain';
import { providerCatalogue } from '@aula/llm';
import { type Ctx, requireRole } from '../context.ts';

/**
 * Which providers and models a course request may name, with their prices, from the LLM settings
 * the workers share: the studio's request form and estimate. Staff only; no keys, no addresses.
 */
export async function listProviders({ ctx }: { ctx: Ctx }): Promise<ProviderCatalogue> {
  requireRole(ctx, [ROLE_NAMES.contentManager]);
  return providerCatalogue(ctx.llmConfig());
}
