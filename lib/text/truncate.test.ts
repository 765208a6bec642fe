import { describe, expect, it } from 'vitest';
import { expectLinearTime } from '@/lib/time-growth.test-support.ts';
import { truncate } from './truncate.ts';

const FAMILY = '👩‍👩‍👧'; // 5 code points, 8 UTF-16 units, one grapheme
const FLAG = '🇺🇦'; // two regional indicators, 4 units, one grapheme
const E_ACUTE = 'e\u0301'; // e and a combining acute accent

/** Every lone surrogate: a cut inside a pair leaves one. */
const loneSurrogate = (s: string) => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);

describe('truncate', () => {
  it('leaves text that fits as it is', () => {
    expect(truncate('short', 80)).toBe('short');
    expect(truncate('a'.repeat(10), 10)).toBe('a'.repeat(10));
    expect(truncate('🌊'.repeat(10), 10)).toBe('🌊'.repeat(10)); // 10 code points, 20 units
    expect(truncate('', 1)).toBe('');
  });

  it('cuts to at most max with the ellipsis counted, dropping the space before it', () => {
    expect(truncate('a'.repeat(100), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(truncate('abcd efgh', 6)).toBe('abcd…');
    expect(truncate('abcdef', 1)).toBe('…');
  });

  it('counts code points by default and UTF-16 units when asked', () => {
    expect(truncate('🌊'.repeat(20), 5)).toBe('🌊🌊🌊🌊…');
    expect(truncate('🌊'.repeat(20), 5, { unit: 'utf16' })).toBe('🌊🌊…');
    expect(truncate('a🌊b', 3, { unit: 'utf16' })).toBe('a…'); // the pair does not fit in the one unit left
  });

  it('never splits an emoji ZWJ sequence, a flag, a combining mark or a surrogate pair', () => {
    expect(truncate(`ab${FAMILY}cdef`, 6)).toBe('ab…');
    expect(truncate(`ab${FAMILY}cdef`, 8)).toBe(`ab${FAMILY}…`);
    expect(truncate(`ab${FAMILY}cdef`, 9, { unit: 'utf16' })).toBe('ab…');
    expect(truncate(`${FLAG}${FLAG}${FLAG}`, 4)).toBe(`${FLAG}…`);
    expect(truncate(`${FLAG}${FLAG}${FLAG}`, 4, { unit: 'utf16' })).toBe('…');
    expect(truncate(`caf${E_ACUTE}${E_ACUTE}${E_ACUTE}`, 5)).toBe('caf…');
    expect(truncate(`caf${E_ACUTE}${E_ACUTE}${E_ACUTE}`, 6)).toBe(`caf${E_ACUTE}…`);
    for (let max = 1; max < 30; max++) {
      for (const unit of ['code-point', 'utf16'] as const) {
        const cut = truncate(`x${FAMILY}${FLAG}🌊${E_ACUTE}漢字${FAMILY}y`.repeat(2), max, { unit });
        expect(loneSurrogate(cut), `${max} ${unit}: ${JSON.stringify(cut)}`).toBe(false);
        expect(unit === 'utf16' ? cut.length : Array.from(cut).length).toBeLessThanOrEqual(max);
      }
    }
  });

  it('cuts CJK, which has no spaces, between characters', () => {
    expect(truncate('潮汐表潮汐表潮汐表', 5, { atWord: true })).toBe('潮汐表潮…');
    expect(truncate('潮汐表潮汐表潮汐表', 5)).toBe('潮汐表潮…');
  });

  it('ends on a whole word with atWord when a space is in the second half, without trailing punctuation', () => {
    expect(truncate('The harbour closed, and the ferries stopped', 24, { atWord: true })).toBe('The harbour closed…');
    expect(truncate('Harbourmasterial closed', 12, { atWord: true })).toBe('Harbourmast…');
  });

  it('with an empty ellipsis cuts a stored value to its limit and keeps its spaces', () => {
    expect(truncate('ab  cd', 4, { ellipsis: '' })).toBe('ab  ');
    expect(truncate(`a${FAMILY}`, 4, { unit: 'utf16', ellipsis: '' })).toBe('a');
  });

  it('looks at no more of a huge text than it keeps: the same time at n and 8n', () => {
    const make = (n: number) => [`${'a'.repeat(n)}`, `x${'\u0301'.repeat(n)}`, FAMILY.repeat(n / 8), 'a '.repeat(n / 2)];
    expectLinearTime(make, (texts) => {
      for (const text of texts) for (const unit of ['code-point', 'utf16'] as const) truncate(text, 200, { unit, atWord: true });
    });
  });

  it('is linear in max: one grapheme of n combining marks, cut at n/2', () => {
    expectLinearTime(
      (n) => `x${'\u0301'.repeat(n)}${'a'.repeat(n)}`,
      (text) => truncate(text, text.length / 2),
    );
  });
});
