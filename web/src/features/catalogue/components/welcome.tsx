import Link from 'next/link';
import type { Dictionary } from '../../../shared/i18n/dictionary.ts';

/**
 * What Aula is, for a visitor who is not signed in: the tutor, the quizzes, progress kept, and the
 * way in for a newcomer ("Create account" first; "Sign in" for those who have one).
 */
export function Welcome({ t }: { t: Dictionary }) {
  const words = t.student.home;
  return (
    <section aria-labelledby="welcome-title" className="welcome">
      <h2 id="welcome-title" className="welcome__title">
        {words.title}
      </h2>
      <p>{words.intro}</p>
      <ul className="welcome__points">
        <li className="welcome__point">
          <span aria-hidden="true" className="welcome__icon">
            ?
          </span>
          {words.points.tutor}
        </li>
        <li className="welcome__point">
          <span aria-hidden="true" className="welcome__icon">
            ✓
          </span>
          {words.points.quizzes}
        </li>
        <li className="welcome__point">
          <span aria-hidden="true" className="welcome__icon">
            ↗
          </span>
          {words.points.progress}
        </li>
      </ul>
      <p className="welcome__actions">
        <Link href="/registro" className="button">
          {words.createAccount}
        </Link>
        <Link href="#results-title" className="button button--secondary">
          {words.browse}
        </Link>
      </p>
      <p className="welcome__sign-in">
        {words.haveAccount} <Link href="/entrar">{t.account.signIn}</Link>
      </p>
    </section>
  );
}
