import { describe, expect, it } from 'vitest';
import { TrendScanRequest, topicFingerprint } from './proposals.ts';

describe('topic fingerprints', () => {
  it('match titles that differ only in case, accents and punctuation', () => {
    expect(topicFingerprint('¡Introducción a Rust!')).toBe('introduccion a rust');
    expect(topicFingerprint('  introduccion   a RUST ')).toBe(topicFingerprint('Introducción a Rust'));
  });

  it('keep different topics apart', () => {
    expect(topicFingerprint('Rust ownership')).not.toBe(topicFingerprint('Rust lifetimes'));
  });
});

describe('trend scan requests', () => {
  it('default the language and the number of proposals', () => {
    const parsed = TrendScanRequest.parse({ items: [{ title: 'WebGPU lands', url: 'https://example.org/a' }] });
    expect(parsed).toMatchObject({ language: 'es', maxProposals: 5 });
  });

  it('refuse an empty scan, a bad link and unknown fields', () => {
    expect(TrendScanRequest.safeParse({ items: [] }).success).toBe(false);
    expect(TrendScanRequest.safeParse({ items: [{ title: 'WebGPU', url: 'not a url' }] }).success).toBe(false);
    expect(
      TrendScanRequest.safeParse({ items: [{ title: 'WebGPU', url: 'https://e.org' }], secret: 'x' }).success,
    ).toBe(false);
  });
});
