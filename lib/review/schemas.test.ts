import { describe, expect, it } from 'vitest';
import { parseInput } from '@/lib/validation.ts';
import { presetReasonOf, REJECT_REASONS } from './reasons.ts';
import { bulkReviewSchema, decodeQueueCursor, encodeQueueCursor, reviewQueueQuerySchema, reviewSchema } from './schemas.ts';

describe('reviewSchema', () => {
  it('takes an approval without a comment and a rejection with one, trimmed', () => {
    expect(parseInput(reviewSchema, { decision: 'approve', version: 3 })).toEqual({ ok: true, value: { decision: 'approve', comment: null, version: 3 } });
    expect(parseInput(reviewSchema, { decision: 'approve', comment: '   ', version: 1 })).toEqual({
      ok: true,
      value: { decision: 'approve', comment: null, version: 1 },
    });
    expect(parseInput(reviewSchema, { decision: 'reject', comment: '  Wrong kind \n', version: 2 })).toEqual({
      ok: true,
      value: { decision: 'reject', comment: 'Wrong kind', version: 2 },
    });
  });

  it('refuses a rejection without a reason, or with a blank one', () => {
    for (const comment of [undefined, '', ' \n\t ']) {
      expect(parseInput(reviewSchema, { decision: 'reject', comment, version: 1 })).toEqual({
        ok: false,
        error: { code: 'validation', message: 'Some fields are not valid.', fieldErrors: { comment: ['Give a reason for the rejection.'] } },
      });
    }
  });

  it('refuses other decisions, bad versions, control characters, long comments and extra fields', () => {
    const bad = [
      { decision: 'maybe', version: 1 },
      { decision: 'approve', version: 0 },
      { decision: 'approve', version: 1.5 },
      { decision: 'approve' },
      { decision: 'reject', comment: 'bad\u0000byte', version: 1 },
      { decision: 'reject', comment: 'x'.repeat(2001), version: 1 },
      { decision: 'approve', version: 1, reviewerId: 'someone' },
      { decision: 'approve', version: 1, status: 'approved' },
    ];
    for (const body of bad) expect(parseInput(reviewSchema, body)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(parseInput(reviewSchema, { decision: 'reject', comment: `${'x'.repeat(2000)}  `, version: 1 }).ok).toBe(true);
  });
});

describe('bulkReviewSchema', () => {
  it('takes 1 to 200 distinct approvals only', () => {
    expect(parseInput(bulkReviewSchema, { decision: 'approve', items: [{ id: 'a1', version: 1 }] }).ok).toBe(true);
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `a${i}`, version: 1 }));
    expect(parseInput(bulkReviewSchema, { decision: 'approve', items: many(200) }).ok).toBe(true);
    for (const body of [
      { decision: 'approve', items: [] },
      { decision: 'approve', items: many(201) },
      { decision: 'reject', items: many(1) },
      {
        decision: 'approve',
        items: [
          { id: 'a1', version: 1 },
          { id: 'a1', version: 2 },
        ],
      },
      { decision: 'approve', items: [{ id: '../x', version: 1 }] },
      { decision: 'approve', items: [{ id: 'a1' }] },
    ]) {
      expect(parseInput(bulkReviewSchema, body)).toMatchObject({ ok: false, error: { code: 'validation' } });
    }
  });
});

describe('reviewQueueQuerySchema', () => {
  it('defaults the limit, ignores blank fields and takes whole UTC days', () => {
    expect(parseInput(reviewQueueQuerySchema, { kind: '', from: '2024-02-28', to: '2024-02-29' })).toEqual({
      ok: true,
      value: {
        kind: undefined,
        articleId: undefined,
        authorId: undefined,
        from: new Date('2024-02-28T00:00:00Z'),
        toExclusive: new Date('2024-03-01T00:00:00Z'),
        cursor: undefined,
        limit: 25,
      },
    });
    expect(parseInput(reviewQueueQuerySchema, { kind: 'claim', limit: '100' })).toMatchObject({ ok: true, value: { kind: 'claim', limit: 100 } });
  });

  it('refuses bad kinds, limits, dates and cursors with the field named', () => {
    const field = (query: Record<string, string>) => {
      const parsed = parseInput(reviewQueueQuerySchema, query);
      return parsed.ok ? null : Object.keys(parsed.error.fieldErrors ?? {});
    };
    expect(field({ kind: 'CLAIM' })).toEqual(['kind']);
    expect(field({ limit: '0' })).toEqual(['limit']);
    expect(field({ limit: '101' })).toEqual(['limit']);
    expect(field({ limit: 'many' })).toEqual(['limit']);
    expect(field({ from: '2023-02-29' })).toEqual(['from']);
    expect(field({ from: '31/12/2024' })).toEqual(['from']);
    expect(field({ from: '2024-05-02', to: '2024-05-01' })).toEqual(['to']);
    expect(field({ articleId: 'a b' })).toEqual(['articleId']);
    expect(field({ cursor: 'not a cursor' })).toEqual(['cursor']);
    expect(field({ cursor: Buffer.from('["yesterday","abc"]').toString('base64url') })).toEqual(['cursor']);
  });
});

describe('queue cursors', () => {
  it('round-trip, and refuse what we did not issue', () => {
    const cursor = { createdAt: '2024-05-31T12:00:00.123Z', id: 'cm0abc123' };
    expect(decodeQueueCursor(encodeQueueCursor(cursor))).toEqual(cursor);
    expect(decodeQueueCursor('')).toBeNull();
    expect(decodeQueueCursor('%%%')).toBeNull();
    expect(decodeQueueCursor(Buffer.from('{"a":1}').toString('base64url'))).toBeNull();
    expect(decodeQueueCursor(Buffer.from('["2024-05-31T12:00:00.123Z","x; DROP"]').toString('base64url'))).toBeNull();
  });
});

describe('REJECT_REASONS', () => {
  it('are distinct, and a comment that starts with one is counted under it', () => {
    expect(new Set(REJECT_REASONS).size).toBe(REJECT_REASONS.length);
    expect(presetReasonOf('Wrong kind')).toBe('Wrong kind');
    expect(presetReasonOf('Wrong kind. It is an event.')).toBe('Wrong kind');
    expect(presetReasonOf('Wrong kinda')).toBeNull();
    expect(presetReasonOf('I disagree')).toBeNull();
    expect(presetReasonOf(null)).toBeNull();
  });
});
