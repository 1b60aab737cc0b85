import { describe, expect, it } from 'vitest';
import { formatBytes, formatPercent, formatUptime } from './admin-format.ts';

describe('the panel’s figures', () => {
  it.each([
    [0, 'en', '0 B'],
    [1023, 'en', '1,023 B'],
    [1536, 'en', '1.5 KB'],
    [1536, 'es', '1,5 KB'],
    [5 * 1024 ** 3, 'en', '5 GB'],
    [150 * 1024 ** 2, 'en', '150 MB'],
  ] as const)('%d bytes in %s → %s', (bytes, locale, text) => {
    expect(formatBytes(bytes, locale)).toBe(text);
  });

  it('uptimes to the minute, percentages rounded', () => {
    expect(formatUptime(59)).toBe('0 min');
    expect(formatUptime(93_784)).toBe('1 d 2 h 3 min');
    expect(formatUptime(7_200)).toBe('2 h 0 min');
    expect(formatPercent(0.426, 'en')).toBe('43%');
  });
});
