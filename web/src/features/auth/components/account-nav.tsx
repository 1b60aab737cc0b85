import Link from 'next/link';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';
import type { CurrentUser } from '../../../shared/session/get-current-user.ts';
import { SignInLink } from './sign-in-link.tsx';

/** The header's account corner: the signed-in name and "Sign out", or "Sign in" and "Create account". */
export function AccountNav({ user, t }: { user: CurrentUser | null; t: Dictionary }) {
  if (!user) {
    return (
      <div className="account">
        <SignInLink>{t.account.signIn}</SignInLink>
        <Link href="/registro" className="button button--small">
          {t.account.signUp}
        </Link>
      </div>
    );
  }
  return (
    <div className="account">
      <p className="account__name">
        <span className="sr-only">{t.account.signedInAs} </span>
        {user.name}
      </p>
      <form method="post" action="/salir">
        <button type="submit" className="button button--small button--secondary">
          {t.account.signOut}
        </button>
      </form>
    </div>
  );
}
