'use server';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { DirectusError } from '../../../shared/directus.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { asStudent, redirectToSignIn, SIGNED_OUT } from '../../../shared/session/session-store.ts';
import { createLinkCode, unlinkChannel } from './channels-api.ts';

export type LinkCodeState = { code?: string; expiresAt?: string; message?: string; attempt?: number };

/** "Get a code": a one-time code to send from Telegram or WhatsApp, shown once. */
export async function linkCodeAction(previous: LinkCodeState): Promise<LinkCodeState> {
  const { t } = await getDictionary();
  const attempt = (previous.attempt ?? 0) + 1;
  try {
    const code = await asStudent((token) => createLinkCode({ token }));
    if (code === SIGNED_OUT) redirectToSignIn('/mis-cursos');
    return { code: code.code, expiresAt: code.expiresAt, attempt };
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return { message: error.code === 'rate_limited' ? t.chatLinks.tooMany : t.chatLinks.failed, attempt };
  }
}

export type UnlinkState = { message?: string; attempt?: number };

/** "Unlink" a chat: the tutor no longer answers it as this student. */
export async function unlinkAction(previous: UnlinkState, form: FormData): Promise<UnlinkState> {
  const { t } = await getDictionary();
  const attempt = (previous.attempt ?? 0) + 1;
  const id = z.uuid().safeParse(form.get('id'));
  if (!id.success) return { message: t.chatLinks.failed, attempt };
  try {
    const done = await asStudent((token) => unlinkChannel({ token, id: id.data }));
    if (done === SIGNED_OUT) redirectToSignIn('/mis-cursos');
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    return { message: t.chatLinks.failed, attempt };
  }
  revalidatePath('/mis-cursos');
  return { attempt };
}
