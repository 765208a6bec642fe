import { describe, expect, it } from 'vitest';
import { anchorSpan, CONTEXT_LENGTH, fromCodePointOffset, splitsSurrogatePair, toCodePointOffset } from './offsets.ts';

// 🌊 and 𠮷 are two UTF-16 units each; é here is precomposed (one unit), as NFC text has it.
const TEXT = '“Wave 🌊 hits,” said 佐藤 𠮷 of Kaminose. Café owners agreed.';

describe('anchorSpan', () => {
  it('accepts a span and keeps up to 32 characters of context on each side', () => {
    const start = TEXT.indexOf('said');
    const result = anchorSpan(TEXT, { start, end: start + 4, exact: 'said' });
    expect(result).toEqual({
      ok: true,
      value: { start, end: start + 4, exact: 'said', prefix: TEXT.slice(0, start), suffix: TEXT.slice(start + 4, start + 4 + CONTEXT_LENGTH) },
    });
  });

  it('accepts a span made of an emoji, counted in UTF-16 units', () => {
    const start = TEXT.indexOf('🌊');
    expect(anchorSpan(TEXT, { start, end: start + 2, exact: '🌊' }).ok).toBe(true);
  });

  it.each([
    ['a negative start', { start: -1, end: 3 }, 'start'],
    ['an end past the text', { start: 0, end: TEXT.length + 1 }, 'end'],
    ['an empty span', { start: 4, end: 4 }, 'end'],
    ['a reversed span', { start: 6, end: 2 }, 'end'],
    ['a fractional offset', { start: 1.5, end: 4 }, 'start'],
  ])('refuses %s', (_what, span, field) => {
    const result = anchorSpan(TEXT, span);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(Object.keys(result.error.fieldErrors ?? {})).toContain(field);
  });

  it('refuses a span that splits a surrogate pair at either end', () => {
    const wave = TEXT.indexOf('🌊');
    expect(anchorSpan(TEXT, { start: wave + 1, end: wave + 4 })).toMatchObject({
      ok: false,
      error: { fieldErrors: { start: [expect.stringContaining('inside a character')] } },
    });
    expect(anchorSpan(TEXT, { start: wave - 2, end: wave + 1 })).toMatchObject({
      ok: false,
      error: { fieldErrors: { end: [expect.stringContaining('inside a character')] } },
    });
  });

  it('refuses an exact quote that does not match, and a span of white space only', () => {
    const start = TEXT.indexOf('said');
    expect(anchorSpan(TEXT, { start, end: start + 4, exact: 'sale' })).toMatchObject({ ok: false, error: { fieldErrors: { exact: expect.any(Array) } } });
    const space = TEXT.indexOf(' said');
    expect(anchorSpan(TEXT, { start: space, end: space + 1 })).toMatchObject({
      ok: false,
      error: { fieldErrors: { start: ['The span holds only white space.'] } },
    });
  });

  it('never cuts an emoji in half in the context', () => {
    const text = `${'x'.repeat(5)}🌊${'y'.repeat(31)}TARGET${'z'.repeat(31)}𠮷tail`;
    const start = text.indexOf('TARGET');
    const result = anchorSpan(text, { start, end: start + 6 });
    expect(result.ok && result.value.prefix).toBe('y'.repeat(31));
    expect(result.ok && result.value.suffix).toBe('z'.repeat(31));
  });
});

describe('code point offsets', () => {
  it('counts emoji and rare CJK as one code point each, and converts back', () => {
    const after = TEXT.indexOf('hits');
    expect(toCodePointOffset(TEXT, after)).toBe(after - 1);
    const end = TEXT.length;
    expect(toCodePointOffset(TEXT, end)).toBe([...TEXT].length);
    for (const offset of [0, after, TEXT.indexOf('of'), end]) expect(fromCodePointOffset(TEXT, toCodePointOffset(TEXT, offset))).toBe(offset);
    expect(fromCodePointOffset(TEXT, [...TEXT].length + 1)).toBeNull();
  });

  it('tells whether an offset splits a pair', () => {
    const wave = TEXT.indexOf('🌊');
    expect([wave, wave + 1, wave + 2].map((o) => splitsSurrogatePair(TEXT, o))).toEqual([false, true, false]);
  });
});
