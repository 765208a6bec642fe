import { describe, expect, it } from 'vitest';
import { contentHash, normalizeArticleText } from './normalize.ts';
import { splitParagraphs } from './paragraphs.ts';

describe('normalizeArticleText', () => {
  it('makes one form of the text: no BOM, LF, NFC, one blank line between trimmed paragraphs', () => {
    const raw = '\ufeff  First line\r\nsame paragraph  \r\n\r\n\r\n \t\r\nSecond para with cafe\u0301\rThird line\n\n\n';
    expect(normalizeArticleText(raw)).toBe('First line\nsame paragraph\n\nSecond para with caf\u00e9\nThird line');
  });

  it('keeps curly quotes, dashes, emoji and CJK as they are', () => {
    const text = '“Quoted” — 佐藤 美咲 said 🌊 in 서울…';
    expect(normalizeArticleText(text)).toBe(text);
  });

  it('is idempotent, so hashing the normalised text identifies content', () => {
    const once = normalizeArticleText('A\r\n\r\nB');
    expect(normalizeArticleText(once)).toBe(once);
    expect(contentHash(once)).toBe(contentHash(normalizeArticleText('A\n\n\nB ')));
    expect(contentHash(once)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('splitParagraphs', () => {
  it('gives each paragraph with its UTF-16 offsets into the text', () => {
    const text = 'One 🌊\n\nTwo\nlines\n\nThree';
    const paragraphs = splitParagraphs(text);
    expect(paragraphs.map((p) => p.text)).toEqual(['One 🌊', 'Two\nlines', 'Three']);
    for (const p of paragraphs) expect(text.slice(p.start, p.end)).toBe(p.text);
    expect(paragraphs[1]!.start).toBe(8);
  });

  it('gives nothing for an empty text', () => {
    expect(splitParagraphs('')).toEqual([]);
  });
});
