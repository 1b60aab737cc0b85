import Link from 'next/link';
import { localPath } from '../../../shared/edge/local-path.ts';
import { goTo } from '../../../shared/edge/redirect.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { getCurrentUser } from '../../../shared/session/get-current-user.ts';
import { getAccessToken } from '../../../shared/session/session-store.ts';
import type { SearchParams } from '../../catalogue/catalogue-filters.ts';
import { homeAfterSignIn } from '../../studio/server/staff.ts';
import { AuthForm } from './auth-form.tsx';

/** `/entrar` and `/registro`: the form, and a link to the other one that keeps where to go back to. */
export async function AuthPage({ mode, searchParams }: { mode: 'sign-in' | 'sign-up'; searchParams: SearchParams }) {
  const next = localPath(searchParams.next);
  // Already signed in: where signing in would have taken them (staff to the studio).
  const token = await getAccessToken();
  if (token && (await getCurrentUser())) goTo(next, await homeAfterSignIn(token));
  const { t } = await getDictionary();
  const signUp = mode === 'sign-up';
  const query = next ? `?${new URLSearchParams({ next })}` : '';
  return (
    <div className="auth">
      <h1>{signUp ? t.auth.signUpTitle : t.auth.signInTitle}</h1>
      <p className="lead">{signUp ? t.auth.signUpIntro : t.auth.signInIntro}</p>
      {searchParams.aviso === 'sesion' ? (
        <p className="notice notice--info" role="status">
          {t.auth.signedOut}
        </p>
      ) : null}
      <AuthForm mode={mode} next={next} />
      <p className="auth__other">
        {signUp ? t.auth.haveAccount : t.auth.noAccount}{' '}
        <Link href={`${signUp ? '/entrar' : '/registro'}${query}`}>
          {signUp ? t.auth.signInTitle : t.auth.signUpTitle}
        </Link>
      </p>
    </div>
  );
}
