'use server';
import { z } from 'zod';
import { DirectusError } from '../../../shared/directus.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { asStudent, redirectToSignIn, SIGNED_OUT } from '../../../shared/session/session-store.ts';
import { revokeCertificate } from './certificate-api.ts';

export type RevokeState = { attempt?: number; message?: string; done?: boolean };

const Input = z.object({ code: z.string().min(1).max(64), reason: z.string().trim().min(1).max(500) });

/** An administrator revokes a certificate (the course API checks the role and records who did it). */
export async function revokeCertificateAction(previous: RevokeState, form: FormData): Promise<RevokeState> {
  const { t } = await getDictionary();
  const attempt = (previous.attempt ?? 0) + 1;
  const input = Input.safeParse({ code: form.get('code'), reason: form.get('reason') ?? '' });
  if (!input.success) return { attempt, message: t.certificates.reasonRequired };
  const back = `/certificados/${encodeURIComponent(input.data.code)}`;
  try {
    const revoked = await asStudent((token) => revokeCertificate({ token, ...input.data }));
    if (revoked === SIGNED_OUT) redirectToSignIn(back);
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return { attempt, message: t.certificates.revokeFailed };
  }
  return { attempt, done: true };
}
