import { describe, expect, it } from 'vitest';
import { prng } from '@/lib/random/seeded.ts';
import { toArticleText } from './article-text.ts';
import { PARSE_LIMITS } from './limits.ts';
import { certainlyTooLong, keptLengthAtLeast } from './text-length-bound.ts';

const kept = (c: number) => keptLengthAtLeast(String.fromCharCode(c)) === 1;

describe('keptLengthAtLeast', () => {
  it('counts only characters that NFC never merges into the one before them: none is a later part of any canonical decomposition', () => {
    const merged: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const parts = String.fromCodePoint(cp).normalize('NFD');
      for (let i = 1; i < parts.length; i++) if (kept(parts.charCodeAt(i))) merged.push(`U+${cp.toString(16)}`);
    }
    expect(merged).toEqual([]);
  });

  it('never counts white space, controls or the byte-order mark, which normalisation removes', () => {
    for (const c of [0x09, 0x0a, 0x0d, 0x20, 0x85, 0xa0, 0x2028, 0x2029, 0x3000, 0xfeff, 0x00, 0x1f, 0x7f, 0x9f, 0x200b]) expect(kept(c)).toBe(false);
  });

  it('is a lower bound of the stored length on hostile mixes of marks, Hangul jamo, white space, controls and separators', () => {
    const random = prng(12);
    const pieces = [
      'a',
      'Z',
      '~',
      'é',
      'e\u0301',
      '\u0301',
      '\u0308\u0301',
      'ẫ',
      'A\u030a',
      '\u212b',
      '\u1100',
      '\u1161',
      '\u11a8',
      '가',
      '각',
      '中',
      '\u0958',
      ' ',
      '\t',
      '\n',
      '\r\n',
      '\u00a0',
      '\u3000',
      '\u2029',
      '\u2028',
      '\u000c',
      '\u0085',
      '\u0007',
      '\ufeff',
      '\ud83d\ude00',
      '\ud800',
      '\udc00',
      'ﬁ',
      '\u00ad',
    ];
    for (let trial = 0; trial < 3_000; trial++) {
      let raw = '';
      const length = 1 + Math.floor(random() * 60);
      for (let i = 0; i < length; i++) raw += pieces[Math.floor(random() * pieces.length)];
      expect(keptLengthAtLeast(raw), JSON.stringify(raw)).toBeLessThanOrEqual(toArticleText(raw).length);
    }
  });
});

describe('certainlyTooLong', () => {
  const max = PARSE_LIMITS.maxTextLength;

  it('says yes only when the kept characters alone pass the limit', () => {
    expect(certainlyTooLong('a'.repeat(max + 1))).toBe(true);
    expect(certainlyTooLong('a'.repeat(max))).toBe(false);
    expect(certainlyTooLong('a'.repeat(max + 200), 200)).toBe(false);
    expect(certainlyTooLong('a'.repeat(max + 201), 200)).toBe(true);
  });

  it('says no when white space or marks could bring the text under the limit, however long the raw text', () => {
    const spaced = 'word     \n\n\n'.repeat(Math.ceil((max * 1.5) / 12));
    expect(spaced.length).toBeGreaterThan(max);
    expect(certainlyTooLong(spaced)).toBe(false);
    expect(toArticleText(spaced).length).toBeGreaterThan(0);
    const composing = 'e\u0301'.repeat(max / 2 + 10);
    expect(certainlyTooLong(composing)).toBe(false);
    expect(toArticleText(composing).length).toBeLessThanOrEqual(max);
  });
});
