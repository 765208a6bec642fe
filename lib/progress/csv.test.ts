import { describe, expect, it } from 'vitest';
import { toCsv } from '@/lib/csv.ts';
import { annotatorsCsv, articlesCsv, reviewersCsv } from './csv.ts';
import { groupRejectionReasons, OTHER_REASON } from './reasons.ts';
import { isProgressTable, progressQuerySchema } from './schemas.ts';

describe('toCsv and the tables', () => {
  it('ends every record with CRLF, the header first', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x,y'],
          [null, '=1'],
        ],
      ),
    ).toBe('a,b\r\n1,"x,y"\r\n,\'=1\r\n');
    expect(toCsv(['a'], [])).toBe('a\r\n');
  });

  it('writes the article table with percentages', () => {
    const csv = articlesCsv([
      { id: 'a1', title: '=Tram, "line"', total: 3, claims: 2, events: 1, sources: 0, pending: 1, approved: 1, rejected: 1, reviewedShare: 2 / 3 },
    ]);
    expect(csv).toBe(
      'article_id,title,annotations,claims,events,sources,pending,approved,rejected,reviewed_percent\r\n' + `a1,"'=Tram, ""line""",3,2,1,0,1,1,1,66.7\r\n`,
    );
  });

  it('writes the annotator table with reasons, and an empty rate before any decision', () => {
    const csv = annotatorsCsv([
      {
        id: 'u1',
        name: 'Ana',
        created: 4,
        pending: 1,
        approved: 2,
        rejected: 1,
        approvalRate: 2 / 3,
        rejectionReasons: [
          { reason: 'Wrong kind', count: 2 },
          { reason: OTHER_REASON, count: 1 },
        ],
      },
      { id: 'u2', name: '@bo', created: 1, pending: 1, approved: 0, rejected: 0, approvalRate: null, rejectionReasons: [] },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'user_id,name,created,pending,approved,rejected,approval_rate_percent,rejection_reasons',
      'u1,Ana,4,1,2,1,66.7,Wrong kind (2); Other (own words) (1)',
      "u2,'@bo,1,1,0,0,,",
      '',
    ]);
  });

  it('writes the reviewer table', () => {
    const csv = reviewersCsv([
      { id: 'r1', name: 'Rae', decisions: 5, last7Days: 1, last30Days: 3, approvals: 4, rejections: 1, lastDecisionAt: new Date('2025-03-01T10:00:00Z') },
    ]);
    expect(csv).toBe('user_id,name,decisions,last_7_days,last_30_days,approvals,rejections,last_decision_at\r\nr1,Rae,5,1,3,4,1,2025-03-01T10:00:00.000Z\r\n');
  });
});

describe('groupRejectionReasons', () => {
  it('groups by preset prefix, own words together, most frequent first', () => {
    expect(
      groupRejectionReasons([
        { comment: 'Wrong kind', count: 2 },
        { comment: 'Wrong kind: this is an event', count: 1 },
        { comment: 'Duplicate of another annotation', count: 3 },
        { comment: 'I just do not like it', count: 1 },
        { comment: 'Wrong kindness', count: 1 },
      ]),
    ).toEqual([
      { reason: 'Duplicate of another annotation', count: 3 },
      { reason: 'Wrong kind', count: 3 },
      { reason: OTHER_REASON, count: 2 },
    ]);
    expect(groupRejectionReasons([])).toEqual([]);
  });
});

describe('progressQuerySchema', () => {
  it('takes whole UTC days, blank as none, and refuses a reversed or impossible range', () => {
    expect(progressQuerySchema.parse({})).toEqual({ from: undefined, toExclusive: undefined });
    expect(progressQuerySchema.parse({ from: '', to: '' })).toEqual({ from: undefined, toExclusive: undefined });
    expect(progressQuerySchema.parse({ from: '2025-01-01', to: '2025-01-31' })).toEqual({
      from: new Date('2025-01-01T00:00:00Z'),
      toExclusive: new Date('2025-02-01T00:00:00Z'),
    });
    expect(progressQuerySchema.safeParse({ from: '2025-02-30' }).success).toBe(false);
    expect(progressQuerySchema.safeParse({ from: '1/2/2025' }).success).toBe(false);
    expect(progressQuerySchema.safeParse({ from: '2025-02-02', to: '2025-02-01' }).success).toBe(false);
  });

  it('knows its tables', () => {
    expect(isProgressTable('articles')).toBe(true);
    expect(isProgressTable('annotators')).toBe(true);
    expect(isProgressTable('reviewers')).toBe(true);
    expect(isProgressTable('users')).toBe(false);
  });
});
