import { describe, expect, it } from 'vitest';
import { csvCell } from './csv.ts';

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
