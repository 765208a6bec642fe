import { describe, expect, it } from 'vitest';
import { countDecisionsFrom, feedbackSeenCookieOptions, feedbackSeenSchema, formatFeedbackSeen, nextFeedbackSeen, parseFeedbackSeen } from './feedback.ts';

const t = (iso: string) => new Date(iso);

describe('the feedback-seen cookie', () => {
  it('round-trips a time for its user only', () => {
    const value = formatFeedbackSeen('user1', t('2025-03-04T05:06:07.089Z'));
    expect(value).toBe('user1~2025-03-04T05:06:07.089Z');
    expect(parseFeedbackSeen(value, 'user1')).toEqual(t('2025-03-04T05:06:07.089Z'));
    expect(parseFeedbackSeen(value, 'user2')).toBeNull();
    expect(parseFeedbackSeen('user1~not a date', 'user1')).toBeNull();
    expect(parseFeedbackSeen('2025-03-04T05:06:07.089Z', 'user1')).toBeNull();
    expect(parseFeedbackSeen(undefined, 'user1')).toBeNull();
  });

  it('moves forward only, and never past now', () => {
    const now = t('2025-03-04T12:00:00Z');
    expect(nextFeedbackSeen(null, null, now)).toEqual(now);
    expect(nextFeedbackSeen(null, t('2025-03-04T11:59:00Z'), now)).toEqual(t('2025-03-04T11:59:00Z'));
    expect(nextFeedbackSeen(null, t('2030-01-01T00:00:00Z'), now)).toEqual(now);
    expect(nextFeedbackSeen(t('2025-03-04T11:00:00Z'), t('2025-03-01T00:00:00Z'), now)).toEqual(t('2025-03-04T11:00:00Z'));
    expect(countDecisionsFrom(null)).toEqual(new Date(0));
  });

  it('is HttpOnly, SameSite=Lax, Secure under https like the session cookie', () => {
    expect(feedbackSeenCookieOptions('https://news.example')).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true, path: '/' });
    expect(feedbackSeenCookieOptions('http://127.0.0.1:3000').secure).toBe(false);
    expect(feedbackSeenCookieOptions(undefined).secure).toBe(false);
  });

  it('accepts an ISO time or nothing', () => {
    expect(feedbackSeenSchema.safeParse({}).success).toBe(true);
    expect(feedbackSeenSchema.safeParse({ seenAt: '2025-01-01T00:00:00.000Z' }).success).toBe(true);
    expect(feedbackSeenSchema.safeParse({ seenAt: 'yesterday' }).success).toBe(false);
    expect(feedbackSeenSchema.safeParse({ seenAt: '2025-01-01T00:00:00Z', extra: 1 }).success).toBe(false);
  });
});
