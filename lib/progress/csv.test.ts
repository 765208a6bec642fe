import { describe, expect, it } from 'vitest';
import { annotatorsCsv, articlesCsv, csvCell, reviewersCsv, toCsv } from './csv.ts';
import { groupRejectionReasons, OTHER_REASON } from './reasons.ts';
import { isProgressTable, progressQuerySchema } from './schemas.ts';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks (RFC 4180), doubling quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell('')).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('defuses formulas: = + - @ tab and CR at the start get a single quote', () => {
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(`"'=HYPERLINK(""http://evil"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('defuses a formula behind leading spaces, tabs or line breaks, and the fullwidth ＝ ＋ － ＠', () => {
    expect(csvCell(' =cmd|"/c calc"!A1')).toBe(`"' =cmd|""/c calc""!A1"`);
    expect(csvCell(' \t=1+1')).toBe("' \t=1+1");
    expect(csvCell('\u00a0\u3000@SUM(A1)')).toBe("'\u00a0\u3000@SUM(A1)");
    expect(csvCell('\n+1')).toBe(`"'\n+1"`);
    for (const sign of ['＝', '＋', '－', '＠']) expect(csvCell(`${sign}1`)).toBe(`'${sign}1`);
    expect(csvCell('  ＝1')).toBe("'  ＝1");
    expect(csvCell('  plain words')).toBe('  plain words');
    expect(csvCell('a ＝ b')).toBe('a ＝ b');
  });

  it('writes numbers as numbers (a negative number is no formula) and dates as ISO', () => {
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(66.7)).toBe('66.7');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(new Date('2025-01-02T03:04:05.000Z'))).toBe('2025-01-02T03:04:05.000Z');
  });
});

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
