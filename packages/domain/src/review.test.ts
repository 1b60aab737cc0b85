import { describe, expect, it } from 'vitest';
import { nextReview, REVIEW_BOX_DAYS } from './review.ts';

const now = new Date('2026-12-07T10:00:00Z');
const days = (due: Date | null) => (due ? (due.getTime() - now.getTime()) / 86_400_000 : null);

describe('nextReview (Leitner boxes)', () => {
  it('a miss goes to box 1, due a day later, from any box', () => {
    for (const box of [0, 1, 3, 5]) {
      const next = nextReview(box, false, now);
      expect(next.box).toBe(1);
      expect(days(next.due)).toBe(1);
    }
  });

  it('each right answer moves up a box and doubles the wait; right in the last box is learned', () => {
    const waits: (number | null)[] = [];
    let box = 1;
    for (;;) {
      const next = nextReview(box, true, now);
      waits.push(days(next.due));
      if (next.box === null) break;
      box = next.box;
    }
    expect(waits).toEqual([...REVIEW_BOX_DAYS.slice(1), null]);
    expect(REVIEW_BOX_DAYS).toEqual([1, 2, 4, 8, 16]);
  });
});
