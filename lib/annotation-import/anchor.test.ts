import { describe, expect, it } from 'vitest';
import { TEXT } from '@/lib/export/fixture.test-data.ts';
import { normalizeArticleText } from '@/lib/articles/normalize.ts';
import { reanchor } from './anchor.ts';

const spanOf = (text: string, quote: string, occurrence = 0) => {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  if (start < 0) throw new Error(`no ${quote}`);
  return { start, end: start + quote.length, exact: quote };
};

describe('reanchor', () => {
  it('keeps the offsets when the text is the same, with its context', () => {
    const span = spanOf(TEXT, '佐藤 Hana');
    expect(reanchor(TEXT, TEXT, span)).toEqual({ ...span, prefix: TEXT.slice(0, span.start), suffix: TEXT.slice(span.end, span.end + 32) });
  });

  it('refuses, in the same text, offsets whose quote does not match or that split an emoji', () => {
    const span = spanOf(TEXT, '佐藤 Hana');
    expect(reanchor(TEXT, TEXT, { ...span, exact: 'someone else' })).toBeNull();
    const wave = TEXT.indexOf('🌊');
    expect(reanchor(TEXT, TEXT, { start: wave + 1, end: wave + 5, exact: TEXT.slice(wave + 1, wave + 5) })).toBeNull();
    expect(reanchor(TEXT, TEXT, { start: 0, end: TEXT.length + 1, exact: TEXT })).toBeNull();
  });

  it('moves a span to its quote when the text changed before it', () => {
    const given = 'Ann said it rained. The radio said so.';
    const stored = 'Yesterday, in the town, Ann said it rained. The radio said so.';
    const anchor = reanchor(given, stored, spanOf(given, 'The radio'));
    expect(anchor).toMatchObject({ start: stored.indexOf('The radio'), end: stored.indexOf('The radio') + 'The radio'.length, exact: 'The radio' });
    expect(anchor!.prefix).toBe(stored.slice(Math.max(0, anchor!.start - 32), anchor!.start));
    expect(anchor!.suffix).toBe(' said so.');
  });

  it('picks, of two occurrences, the one whose context matches, wherever it lies', () => {
    const given = 'The mayor said yes. Later the council said no.';
    // The stored text has the council first: the context, not the position, decides.
    const stored = 'Later the council said no, at first. The mayor said yes.';
    const anchor = reanchor(given, stored, spanOf(given, 'said', 1));
    expect(anchor).toMatchObject({ start: stored.indexOf('said'), exact: 'said' });
    const mayor = reanchor(given, stored, spanOf(given, 'said', 0));
    expect(mayor).toMatchObject({ start: stored.lastIndexOf('said'), exact: 'said' });
  });

  it('picks the suffix match when only the suffix tells', () => {
    const given = 'rain fell. rain stopped.';
    const stored = '## rain stopped. ## rain fell.';
    expect(reanchor(given, stored, spanOf(given, 'rain', 0))).toMatchObject({ start: stored.lastIndexOf('rain') });
    expect(reanchor(given, stored, spanOf(given, 'rain', 1))).toMatchObject({ start: stored.indexOf('rain') });
  });

  it('without any context, picks the occurrence nearest to where the span sat', () => {
    // The given text is only the quote and unrelated padding, so no occurrence has matching context.
    const stored = 'echo -- ++ echo -- ++ echo';
    expect(reanchor('echo', stored, { start: 0, end: 4, exact: 'echo' })).toMatchObject({ start: 0 });
    const late = `${'~'.repeat(20)}echo`;
    expect(reanchor(late, stored, { start: 20, end: 24, exact: 'echo' })).toMatchObject({ start: stored.lastIndexOf('echo') });
    const middle = `${'~'.repeat(10)}echo${'^'.repeat(10)}`;
    expect(reanchor(middle, stored, { start: 10, end: 14, exact: 'echo' })).toMatchObject({ start: stored.indexOf('echo', 1) });
  });

  it('finds a CRLF and NFD quote in the LF and NFC stored text', () => {
    const given = 'First line.\r\nThe cafe\u0301 said\r\nit rained.';
    const stored = 'First line.\nThe café said\nit rained.'.normalize('NFC');
    expect(stored).not.toContain('e\u0301');
    const anchor = reanchor(given, stored, spanOf(given, 'cafe\u0301 said\r\nit'));
    expect(anchor).toMatchObject({ start: stored.indexOf('café'), exact: 'café said\nit' });
    expect(stored.slice(anchor!.start, anchor!.end)).toBe('café said\nit');
  });

  it('finds the golden text re-normalised to NFC', () => {
    const stored = TEXT.normalize('NFC');
    expect(stored).not.toBe(TEXT);
    const kaminose = reanchor(TEXT, stored, spanOf(TEXT, 'Kaminose Radio'));
    expect(kaminose).toMatchObject({ start: stored.indexOf('Kaminose Radio'), end: stored.indexOf('Kaminose Radio') + 14 });
    expect(reanchor(TEXT, stored, spanOf(TEXT, 'the cafe\u0301 sea wall'))).toMatchObject({ exact: 'the café sea wall' });
  });

  it('gives null when the quote is nowhere in the stored text', () => {
    expect(reanchor('Ann said it rained.', 'Bob said it snowed.', spanOf('Ann said it rained.', 'rained'))).toBeNull();
  });

  it('gives null for a quote of white space only', () => {
    const given = 'a   b\n\nc';
    const stored = 'x a   b\n\nc';
    expect(reanchor(given, stored, { start: 1, end: 4, exact: '   ' })).toBeNull();
    expect(reanchor(given, stored, { start: 5, end: 7, exact: '\n\n' })).toBeNull();
    expect(reanchor(given, given, { start: 1, end: 4, exact: '   ' })).toBeNull();
  });
});

describe('reanchor across white space that normalisation rewrote', () => {
  it('finds a quote over trailing spaces and extra blank lines, as the stored text has them', () => {
    const given = 'The ferry resumes.   \nOfficials said so.\n\n\n\nA second paragraph follows.';
    const stored = normalizeArticleText(given);
    expect(stored).toBe('The ferry resumes.\nOfficials said so.\n\nA second paragraph follows.');
    const quote = 'resumes.   \nOfficials';
    const over = reanchor(given, stored, { start: given.indexOf(quote), end: given.indexOf(quote) + quote.length, exact: quote });
    expect(over && stored.slice(over.start, over.end)).toBe('resumes.\nOfficials');
    const across = 'so.\n\n\n\nA second';
    const gap = reanchor(given, stored, { start: given.indexOf(across), end: given.indexOf(across) + across.length, exact: across });
    expect(gap && stored.slice(gap.start, gap.end)).toBe('so.\n\nA second');
  });

  it('still gives up on words that are not there', () => {
    const given = 'The ferry resumes.   \nOfficials said so.';
    expect(reanchor(given, normalizeArticleText(given), { start: 4, end: 22, exact: 'ferry resumes.   \nMayor' })).toBeNull();
  });
});
