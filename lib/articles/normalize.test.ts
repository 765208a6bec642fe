import { describe, expect, it } from 'vitest';
import { contentHash, normalizeArticleText } from './normalize.ts';
import { toArticleText, toSingleLine } from './parse/article-text.ts';
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

// The regular expressions these functions were defined by until they became loops. Stored
// texts and their hashes depend on the output, so the loops must give exactly the same.
const byRegex = {
  normalize: (raw: string) =>
    raw
      .replace(/^\ufeff/, '')
      .replace(/\r\n?/g, '\n')
      .normalize('NFC')
      .split(/\n[ \t\u00a0]*\n(?:[ \t\u00a0]*\n)*/)
      .map((paragraph) =>
        paragraph
          .split('\n')
          .map((line) => line.replace(/[ \t]+$/u, ''))
          .join('\n')
          .trim(),
      )
      .filter((paragraph) => paragraph.length > 0)
      .join('\n\n'),
  clean: (raw: string) =>
    raw
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .replace(/[\f\u2029]/g, '\n\n')
      .replace(/[\v\u0085\u2028]/g, '\n')
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g, ''),
  singleLine: (raw: string) =>
    raw
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
      .replace(/[ \t\n\v\f\r\u0085\u2028\u2029]+/g, ' ')
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g, '')
      .normalize('NFC')
      .trim(),
};

describe('the normalisation loops', () => {
  it('give exactly what the regular expressions gave, on 50,000 random short texts of the tricky characters', () => {
    const alphabet = [
      ' ',
      '\t',
      '\u00a0',
      '\n',
      '\r',
      'a',
      '\u3000',
      '\ufeff',
      'e',
      '\u0301',
      '\u2028',
      '\u2029',
      '\f',
      '\v',
      '\u0085',
      '\u0001',
      '\u007f',
      '\ud83c',
      '\udf0a',
      '\u1680',
      '\u202f',
    ];
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 50_000; i++) {
      let text = '';
      for (let length = Math.floor(random() * 14); length > 0; length--) text += alphabet[Math.floor(random() * alphabet.length)];
      const [loops, regexes] = [
        [normalizeArticleText(text), toArticleText(text), toSingleLine(text)],
        [byRegex.normalize(text), byRegex.normalize(byRegex.clean(text)), byRegex.singleLine(text)],
      ];
      if (loops.some((out, k) => out !== regexes[k])) expect(loops, JSON.stringify(text)).toEqual(regexes);
    }
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
