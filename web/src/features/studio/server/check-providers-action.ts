'use server';
import { checkProviders, type ProviderCheck } from '@aula/llm';
import { llmSettings } from '../../../env.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { asStudent, SIGNED_OUT } from '../../../shared/session/session-store.ts';
import { isAdministrator } from './staff.ts';

export type ProviderCheckState = { checks?: ProviderCheck[]; message?: string };

/**
 * "Check providers": for an administrator only, the same check as `npm run aula -- providers check`,
 * run here with this server's provider settings (the ones the tutor and the request form use).
 */
export async function checkProvidersAction(_previous: ProviderCheckState): Promise<ProviderCheckState> {
  const { t } = await getDictionary();
  const result = await asStudent(async (token) => {
    if (!(await isAdministrator(token))) return null;
    return checkProviders(llmSettings());
  });
  if (result === SIGNED_OUT || result === null) return { message: t.studio.providers.forbidden };
  return { checks: result };
}
