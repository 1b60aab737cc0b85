'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';

const AUTH_PAGES = ['/entrar', '/registro'];

/** "Sign in", coming back to the page it was clicked on. */
export function SignInLink({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const back = pathname && !AUTH_PAGES.includes(pathname) && pathname !== '/' ? pathname : null;
  return <Link href={back ? `/entrar?${new URLSearchParams({ next: back })}` : '/entrar'}>{children}</Link>;
}
