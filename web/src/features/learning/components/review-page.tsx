import { Unavailable } from '../../../shared/components/unavailable.tsx';
import { DirectusError } from '../../../shared/directus.ts';
import { goTo } from '../../../shared/edge/redirect.ts';
import { getDictionary } from '../../../shared/i18n/get-locale.ts';
import { requireAccessToken } from '../../../shared/session/session-store.ts';
import { getReviewQueue, type ReviewQueue } from '../server/review-api.ts';
import { ReviewCard } from './review-card.tsx';

/** "Repaso": how many questions are due, and the first of them (each answer leads to the next). */
export async function ReviewPage() {
  const token = await requireAccessToken('/repaso');
  const { t, locale } = await getDictionary();
  let queue: ReviewQueue;
  try {
    queue = await getReviewQueue({ token, limit: 1 });
  } catch (error) {
    if (!(error instanceof DirectusError)) throw error;
    if (error.code === 'unauthorized') goTo(`/entrar?${new URLSearchParams({ next: '/repaso', aviso: 'sesion' })}`);
    return (
      <Unavailable
        t={t}
        heading="h1"
        retryHref="/repaso"
        title={t.review.unavailableTitle}
        text={t.review.unavailableText}
      />
    );
  }
  const when = new Intl.DateTimeFormat(locale, { dateStyle: 'long' });
  const [item] = queue.due;
  return (
    <>
      <div className="page-intro">
        <h1>{t.review.title}</h1>
        <p className="lead">{t.review.intro}</p>
        <p>{queue.dueCount > 0 ? t.review.due(queue.dueCount) : t.review.noneDue}</p>
      </div>
      {item ? (
        <ReviewCard key={item.reviewId} item={item} />
      ) : (
        <div className="empty">
          <p className="empty__title">{t.review.noneDue}</p>
          <p>{queue.nextDueAt ? t.review.nextDue(when.format(new Date(queue.nextDueAt))) : t.review.noneAtAll}</p>
        </div>
      )}
    </>
  );
}
