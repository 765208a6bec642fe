import { normalizeArticleText } from '../normalize.ts';

// A lone surrogate cannot be stored as UTF-8 and would let an annotation end in half a character.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// Form feed (a page break in old text files) and U+2029 separate paragraphs; DESIGN.md wants only `\n`.
const PARAGRAPH_SEPARATORS = /[\f\u2029]/g;
const LINE_SEPARATORS = /[\v\u0085\u2028]/g;
// Control characters have no glyph: left in, they would be invisible yet count in every offset.
const INVISIBLE_CONTROLS = /[\u0000-\u0008\u000e-\u001f\u007f-\u009f]/g;

/**
 * Article text as stored: invisible controls removed, separators turned into `\n`, then the one
 * normalisation of normalize.ts. Callers refuse NUL before this (it means a damaged file).
 */
export function toArticleText(raw: string): string {
  return normalizeArticleText(
    raw
      .replace(LONE_SURROGATE, '\uFFFD')
      .replace(PARAGRAPH_SEPARATORS, '\n\n')
      .replace(LINE_SEPARATORS, '\n')
      .replace(INVISIBLE_CONTROLS, ''),
  );
}

// Breaks and tabs become spaces; no-break and ideographic spaces are typography and stay.
const BREAKING_WHITESPACE = /[ \t\n\v\f\r\u0085\u2028\u2029]+/g;

/** A metadata value (title, author, source) on one line: NFC, one space between words, trimmed. */
export function toSingleLine(raw: string): string {
  return raw
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(BREAKING_WHITESPACE, ' ')
    .replace(INVISIBLE_CONTROLS, '')
    .normalize('NFC')
    .trim();
}

const SURROGATE_PAIR = /[\uD800-\uDBFF][\uDC00-\uDFFF]/g;

/** Length as a person counts characters (code points), for limits stated in characters. */
export function codePointLength(s: string): number {
  return s.length - (s.match(SURROGATE_PAIR)?.length ?? 0);
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Shorten to at most `max` code points, ending in "…". Cuts at the last space when one is in the
 * second half (so words stay whole), otherwise between graphemes (CJK has no spaces; an emoji or
 * a letter with its accent must not be split).
 */
export function truncateAtWord(s: string, max: number): string {
  if (codePointLength(s) <= max) return s;
  let kept = '';
  let length = 0;
  for (const { segment } of graphemes.segment(s)) {
    const size = codePointLength(segment);
    if (length + size > max - 1) break;
    kept += segment;
    length += size;
  }
  const space = kept.lastIndexOf(' ');
  if (space > kept.length / 2) kept = kept.slice(0, space);
  return `${kept.replace(/[\s,;:\-–—]+$/u, '')}…`;
}
