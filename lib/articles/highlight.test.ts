import { describe, expect, it } from 'vitest';
import { parseHighlighted } from './highlight.ts';

describe('parseHighlighted', () => {
  it('splits on the markers into plain and highlighted segments', () => {
    expect(parseHighlighted('the \u0002harbour\u0003 fire and \u0002harbour\u0003')).toEqual([
      { text: 'the ', highlight: false },
      { text: 'harbour', highlight: true },
      { text: ' fire and ', highlight: false },
      { text: 'harbour', highlight: true },
    ]);
  });

  it('keeps markup as text: nothing is interpreted', () => {
    expect(parseHighlighted('<b>\u0002x\u0003</b><script>')).toEqual([
      { text: '<b>', highlight: false },
      { text: 'x', highlight: true },
      { text: '</b><script>', highlight: false },
    ]);
  });

  it('survives unbalanced markers, stray control characters, CJK and emoji', () => {
    expect(parseHighlighted('\u0003a\u0002陈立文\u0002🦑\u0001')).toEqual([
      { text: 'a', highlight: false },
      { text: '陈立文🦑', highlight: true },
    ]);
    expect(parseHighlighted('')).toEqual([]);
  });
});
