import { describe, expect, it } from 'vitest';
import { truncate } from '@/lib/text/truncate.ts';
import { deriveTitle, readsLikeHeadline, splitHeadline } from './title.ts';

describe('readsLikeHeadline', () => {
  it.each([
    'Storm closes harbour',
    'Is the sea wall safe?',
    'Stop the ferry cuts!',
    '“Living” sea wall approved',
    'Council: “We waited a decade”',
    '東京で新図書館が開館',
    'Wahl 2024 — was jetzt?',
  ])('takes %j', (line) => {
    expect(readsLikeHeadline(line)).toBe(true);
  });

  it.each([
    ['The council met on Tuesday.', undefined],
    ['He said:', undefined],
    ['“We waited a decade,” she said.”', undefined],
    ['The storm is over…', undefined],
    ['図書館が開館しました。', undefined],
    ['1234 5678', undefined],
    ['x'.repeat(201), undefined],
    ['The council voted on Tuesday to approve the new', 'budget, which had been delayed.'],
    ['A line broken at a hyphen-', 'ated word.'],
  ])('refuses %j', (line, next) => {
    expect(readsLikeHeadline(line, next)).toBe(false);
  });

  it('takes a headline followed by a capitalised line in the same paragraph', () => {
    expect(readsLikeHeadline('Storm closes harbour', 'By Ada Quill')).toBe(true);
  });
});

describe('splitHeadline', () => {
  it('splits a headline line from the body', () => {
    expect(splitHeadline('Storm closes harbour\n\nBoats stayed in port.')).toEqual({ title: 'Storm closes harbour', body: '\nBoats stayed in port.' });
  });

  it('keeps a text whose first line is a sentence, or that is one line, whole', () => {
    expect(splitHeadline('Boats stayed in port.\n\nThe ferry did not sail.')).toBeNull();
    expect(splitHeadline('Storm closes harbour')).toBeNull();
  });
});

describe('deriveTitle', () => {
  it('takes the first sentence without its full stop', () => {
    expect(deriveTitle('The council approved the sea wall on Tuesday. Work starts in June.')).toBe('The council approved the sea wall on Tuesday');
  });

  it('joins a hard-wrapped first sentence and keeps a question mark', () => {
    expect(deriveTitle('Will the council approve the\nsea wall this year? Nobody knows.')).toBe('Will the council approve the sea wall this year?');
  });

  it('does not stop at abbreviations and initials', () => {
    expect(deriveTitle('Dr. Smith met Gov. J. Alvarez in the U.S. capital on Tuesday. Then more.')).toBe(
      'Dr. Smith met Gov. J. Alvarez in the U.S. capital on Tuesday',
    );
  });

  it('takes a headline-like first line as it is', () => {
    expect(deriveTitle('Storm closes harbour\nBoats stayed in port.')).toBe('Storm closes harbour');
  });

  it('cuts a long sentence on a word boundary with an ellipsis', () => {
    const sentence = `${'Residents of the old harbour district '.repeat(5)}gathered. More.`;
    expect(deriveTitle(sentence)).toBe('Residents of the old harbour district Residents of the old harbour district Residents of the old harbour district…');
  });

  it('handles CJK sentences', () => {
    expect(deriveTitle('東京で新しい図書館が開館しました。市民は喜んでいます。')).toBe('東京で新しい図書館が開館しました');
  });
});

describe('truncate at a word, as titles are', () => {
  it('leaves short text alone', () => {
    expect(truncate('Short title', 20, { atWord: true })).toBe('Short title');
  });

  it('cuts CJK (no spaces) between characters and never inside an emoji', () => {
    expect(truncate('潮汐表潮汐表潮汐表', 5, { atWord: true })).toBe('潮汐表潮…');
    expect(truncate('ab👩‍👩‍👧cdef', 6, { atWord: true })).toBe('ab…');
  });
});
