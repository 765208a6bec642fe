import { describe, expect, it } from 'vitest';
import { restoreSearchText, SEARCH_PLACEHOLDERS, SEARCH_PUNCTUATION, searchQueryText } from './search-text.ts';

describe('search text', () => {
  it('pairs every punctuation mark with its own placeholder, one character each', () => {
    expect([...SEARCH_PUNCTUATION]).toHaveLength([...SEARCH_PLACEHOLDERS].length);
    expect(new Set(SEARCH_PLACEHOLDERS).size).toBe(SEARCH_PLACEHOLDERS.length);
    expect(SEARCH_PLACEHOLDERS).not.toMatch(/[\u0002\u0003\t\n]/);
    expect(restoreSearchText(SEARCH_PLACEHOLDERS)).toBe(SEARCH_PUNCTUATION);
    expect(restoreSearchText('plain “text”')).toBe('plain “text”');
  });

  it('keeps curly-quoted phrases as phrases in what users type', () => {
    expect(searchQueryText('“job cuts” town’s — «x»')).toBe(`"job cuts" town's    x `);
  });
});
