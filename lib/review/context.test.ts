import { describe, expect, it } from 'vitest';
import { CONTEXT_MAX, contextFromWindow, sentenceAround } from './context.ts';

/** The context of the first occurrence of `quote` in `text`. */
const around = (text: string, quote: string) => {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" is not in the text`);
  return sentenceAround(text, start, start + quote.length);
};

describe('sentenceAround', () => {
  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('gives the rest of the sentence on each side, not its neighbours', () => {
    const text = 'It rained. The mayor said the tram opens in June, a report shows. Nobody agreed.';
    expect(around(text, 'the tram opens in June')).toEqual({ before: 'The mayor said ', after: ', a report shows.' });
  });

  it('keeps closing quotes with their sentence and starts after them', () => {
    const text = '“It will flood,” she said. “We are ready.” The council disagreed with that view.';
    expect(around(text, 'We are ready')).toEqual({ before: '“', after: '.”' });
    expect(around(text, 'disagreed')).toEqual({ before: 'The council ', after: ' with that view.' });
  });

  it('stops at a quote that ends its own sentence, and starts after one that ends the previous', () => {
    const text = 'The tram opens in June. Officials agree.';
    expect(around(text, 'The tram opens in June.')).toEqual({ before: '', after: '' });
    expect(around(text, 'Officials')).toEqual({ before: '', after: ' agree.' });
  });

  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('does not end a sentence inside a number', () => {
    const text = 'Prices rose 3.5 percent in May, the bureau said.';
    expect(around(text, 'percent')).toEqual({ before: 'Prices rose 3.5 ', after: ' in May, the bureau said.' });
  });

  it('never crosses a paragraph or a line break', () => {
    const text = 'First paragraph without an end\n\nSecond one starts here and goes on\nA new line';
    expect(around(text, 'starts')).toEqual({ before: 'Second one ', after: ' here and goes on' });
  });

  it('reaches the start and the end of the text', () => {
    expect(around('Floods hit the coast', 'hit')).toEqual({ before: 'Floods ', after: ' the coast' });
  });

  it('splits Chinese and Japanese text at 。！？ with no space after them', () => {
    const text = '台风来了。市长说电车六月开通！大家都同意吗？';
    expect(around(text, '电车')).toEqual({ before: '市长说', after: '六月开通！' });
    const ja = '「波が来た。」と佐藤さんは言った。港は閉鎖された。';
    expect(around(ja, '佐藤さん')).toEqual({ before: '「波が来た。」と', after: 'は言った。' });
    expect(around(ja, '港')).toEqual({ before: '', after: 'は閉鎖された。' });
  });

  it('counts UTF-16 units around emoji and never cuts one in half', () => {
    const text = 'Storm 🌊 warning. The harbour 🌊🌊 closed at noon 🚢, officials said. Later more.';
    expect(around(text, 'closed at noon')).toEqual({ before: 'The harbour 🌊🌊 ', after: ' 🚢, officials said.' });
    const long = `${'🌊'.repeat(200)} quote ${'🌊'.repeat(200)}`;
    const { before, after } = around(long, 'quote');
    expect(before.startsWith('…')).toBe(true);
    expect(after.endsWith('…')).toBe(true);
    for (const side of [before, after]) expect(/\p{Cs}/u.test(side.replace(/🌊/gu, ''))).toBe(false);
    expect(before.length).toBeLessThanOrEqual(CONTEXT_MAX + 1);
  });

  it('cuts a sentence longer than the limit at a word, with an ellipsis', () => {
    const words = Array.from({ length: 120 }, (_, i) => `word${i}`).join(' ');
    const text = `${words} QUOTE ${words}.`;
    const { before, after } = around(text, 'QUOTE');
    expect(before).toMatch(/^…word\d+ /);
    expect(before.length).toBeLessThanOrEqual(CONTEXT_MAX + 1);
    expect(before.endsWith('word119 ')).toBe(true);
    expect(after).toMatch(/^ word0 .* word\d+…$/);
    expect(after.length).toBeLessThanOrEqual(CONTEXT_MAX + 1);
  });
});

describe('contextFromWindow', () => {
  it('finds the quote in a window shifted by characters above U+FFFF, or gives up when it cannot', () => {
    const text = `${'🌊'.repeat(300)}. Officials said the port reopens Monday. Then more.`;
    const start = text.indexOf('the port');
    const end = start + 'the port'.length;
    const codePoints = [...text];
    const cpStart = codePoints.length - [...text.slice(start)].length;
    const row = (windowStart: number) => ({
      start,
      end,
      exact: 'the port',
      prefix: text.slice(start - 32, start),
      suffix: text.slice(end, end + 32),
      windowStart,
      window: codePoints.slice(windowStart, windowStart + (end - windowStart) + 241).join(''),
    });
    // SQL starts the window at start - 496 code points: past 300 emoji before it, that is before the text's start.
    expect(contextFromWindow(row(Math.max(0, start - 496)))).toEqual({ before: 'Officials said ', after: ' reopens Monday.' });
    expect(contextFromWindow(row(0))).toEqual(sentenceAround(text, start, end));
    // Too many emoji before the window's start: the quote's context may lie before it.
    expect(contextFromWindow(row(cpStart - 100))).toBeNull();
  });
});
