import type { Metadata } from 'next';
import { AuthPage } from '../../components/auth-page.tsx';
import { getDictionary } from '../../i18n/get-locale.ts';
import type { SearchParams } from '../../lib/catalogue-filters.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.auth.signInTitle, robots: { index: false } };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <AuthPage mode="sign-in" searchParams={await searchParams} />;
}
