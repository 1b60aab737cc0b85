'use client';
import type { ChannelLink } from '@aula/domain';
import { useActionState, useEffect, useRef } from 'react';
import { useDictionary } from '../../../shared/i18n/locale-context.tsx';
import { type LinkCodeState, linkCodeAction, type UnlinkState, unlinkAction } from '../server/channel-actions.ts';

function UnlinkButton({ link }: { link: ChannelLink }) {
  const { t } = useDictionary();
  const [state, action, pending] = useActionState<UnlinkState, FormData>(unlinkAction, {});
  const label = `${t.chatLinks.apps[link.app]}${link.name ? ` (${link.name})` : ''}`;
  return (
    <form action={action} className="chat-links__unlink">
      <input type="hidden" name="id" value={link.id} />
      {state.message ? (
        <p role="alert" className="form__message">
          {state.message}
        </p>
      ) : null}
      <button type="submit" className="button button--secondary" aria-disabled={pending || undefined}>
        {pending ? t.chatLinks.unlinking : t.chatLinks.unlink}
        <span className="sr-only">{` ${label}`}</span>
      </button>
    </form>
  );
}

/**
 * "Ask the tutor from your phone": the student's linked chats (Telegram, WhatsApp through Chatwoot),
 * each with an unlink button, and a one-time code to link another. The code is announced politely.
 */
export function ChatLinks({ links }: { links: ChannelLink[] }) {
  const { t, locale } = useDictionary();
  const [state, action, pending] = useActionState<LinkCodeState>(linkCodeAction, {});
  const codeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state.attempt) codeRef.current?.focus();
  }, [state.attempt]);
  const until = state.expiresAt
    ? new Date(state.expiresAt).toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' })
    : '';
  return (
    <section className="chat-links" aria-labelledby="chat-links-title">
      <h2 id="chat-links-title">{t.chatLinks.title}</h2>
      <p>{t.chatLinks.intro}</p>
      {links.length === 0 ? (
        <p>{t.chatLinks.none}</p>
      ) : (
        <ul className="chat-links__list">
          {links.map((link) => (
            <li key={link.id}>
              <span>
                {t.chatLinks.apps[link.app]}
                {link.name ? ` · ${link.name}` : ''}
                {link.withPerson ? ` · ${t.chatLinks.withPerson}` : ''}
              </span>
              <UnlinkButton link={link} />
            </li>
          ))}
        </ul>
      )}
      <form action={action}>
        <button type="submit" className="button" aria-disabled={pending || undefined}>
          {pending ? t.chatLinks.gettingCode : t.chatLinks.getCode}
        </button>
      </form>
      <div aria-live="polite">
        {state.code ? (
          <p ref={codeRef} tabIndex={-1} className="chat-links__code">
            {t.chatLinks.codeIs} <strong translate="no">{state.code}</strong>. {t.chatLinks.codeHint(until)}
          </p>
        ) : state.message ? (
          <p ref={codeRef} tabIndex={-1} role="alert" className="form__message">
            {state.message}
          </p>
        ) : null}
      </div>
    </section>
  );
}
