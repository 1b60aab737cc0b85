import type { Metadata } from 'next';
import { AuthPage } from '../../features/auth/components/auth-page.tsx';
import type { SearchParams } from '../../features/catalogue/catalogue-filters.ts';
import { getDictionary } from '../../shared/i18n/get-locale.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.auth.signUpTitle, robots: { index: false } };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  return <AuthPage mode="sign-up" searchParams={await searchParams} />;
}
