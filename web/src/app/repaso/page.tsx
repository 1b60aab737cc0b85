import type { Metadata } from 'next';
import { ReviewPage } from '../../features/learning/components/review-page.tsx';
import { getDictionary } from '../../shared/i18n/get-locale.ts';

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getDictionary();
  return { title: t.review.title, robots: { index: false } };
}

/** The signed-in student's spaced review: the next question due. */
export default function Page() {
  return <ReviewPage />;
}
