import { expect, it } from 'vitest';
import { formatDuration } from './format-duration.ts';

it.each([
  [0, '0 min'],
  [45, '45 min'],
  [60, '1 h'],
  [75, '1 h 15 min'],
  [180, '3 h'],
])('formatDuration(%i) = %s', (minutes, label) => {
  expect(formatDuration(minutes)).toBe(label);
});
