import { describe, expect, it } from 'vitest';
import { checkTutorLimits, TUTOR_MESSAGE_MAX_CHARS, TutorTurnRequest } from './tutor.ts';

const limits = { messagesPerMinute: 3, tokensPerDay: 1000 };
const lessonId = '8f1c8b2e-2c1a-4c3b-9a57-0b7f3f1f9b10';

describe('checkTutorLimits', () => {
  it.each([
    [{ messagesThisMinute: 1, tokensToday: 0 }, { ok: true }],
    [{ messagesThisMinute: 3, tokensToday: 999 }, { ok: true }],
    [
      { messagesThisMinute: 4, tokensToday: 0 },
      { ok: false, limit: 'messages_per_minute', retryAfterSeconds: 60 },
    ],
    [
      { messagesThisMinute: 1, tokensToday: 1000 },
      { ok: false, limit: 'tokens_per_day' },
    ],
    [
      { messagesThisMinute: 9, tokensToday: 5000 },
      { ok: false, limit: 'tokens_per_day' },
    ],
  ])('%o → %o', (usage, expected) => {
    expect(checkTutorLimits(usage, limits)).toMatchObject(expected);
  });

  it('a day limit says how long until the next UTC day', () => {
    const result = checkTutorLimits({ messagesThisMinute: 1, tokensToday: 1000 }, limits);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.retryAfterSeconds).toBeGreaterThan(0);
    if (!result.ok) expect(result.retryAfterSeconds).toBeLessThanOrEqual(86_400);
  });
});

describe('TutorTurnRequest', () => {
  it('trims and accepts text', () => {
    expect(TutorTurnRequest.parse({ lessonId, message: '  hola  ' })).toEqual({ lessonId, message: 'hola' });
  });
  it.each([
    ['empty', { lessonId, message: '   ' }, 'message is empty'],
    ['too long', { lessonId, message: 'a'.repeat(TUTOR_MESSAGE_MAX_CHARS + 1) }, 'longer than'],
    ['not text', { lessonId, message: { text: 'hola' } }, 'message must be text'],
    ['not a lesson id', { lessonId: 'x', message: 'hola' }, 'lessonId'],
    ['unknown fields', { lessonId, message: 'hola', role: 'system' }, 'role'],
  ])('refuses %s', (_, body, says) => {
    const result = TutorTurnRequest.safeParse(body);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain(says);
  });
});
