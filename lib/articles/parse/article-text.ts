import { CodeUnitWriter } from '@/lib/articles/code-unit-writer.ts';
import { normalizeArticleText } from '@/lib/articles/normalize.ts';

const LF = 0x0a;
const REPLACEMENT_CHARACTER = 0xfffd;
const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;
// Form feed (a page break in old text files) and U+2029 separate paragraphs; docs/architecture.md "Text and offsets" wants only `\n`.
const isParagraphSeparator = (c: number) => c === 0x0c || c === 0x2029;
const isLineSeparator = (c: number) => c === 0x0b || c === 0x85 || c === 0x2028;
// Control characters have no glyph: left in, they would be invisible yet count in every offset.
const isInvisibleControl = (c: number) => c <= 0x08 || (c >= 0x0e && c <= 0x1f) || (c >= 0x7f && c <= 0x9f);

/**
 * Article text as stored: a lone surrogate (which cannot be stored as UTF-8 and would let an
 * annotation end in half a character) becomes U+FFFD, separators become `\n`, invisible controls
 * go, then the one normalisation of normalize.ts. Callers refuse NUL before this (it means a
 * damaged file). One pass per character: a global replacement per kind cost seconds on a file
 * made of form feeds.
 */
export function toArticleText(raw: string): string {
  // A paragraph separator is the only character that grows, into two.
  const out = new CodeUnitWriter(raw.length * 2);
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isHighSurrogate(c) && isLowSurrogate(raw.charCodeAt(i + 1))) {
      out.push(c);
      out.push(raw.charCodeAt(++i));
    } else if (isHighSurrogate(c) || isLowSurrogate(c)) {
      out.push(REPLACEMENT_CHARACTER);
    } else if (isParagraphSeparator(c)) {
      out.push(LF);
      out.push(LF);
    } else if (isLineSeparator(c)) {
      out.push(LF);
    } else if (!isInvisibleControl(c)) {
      out.push(c);
    }
  }
  return normalizeArticleText(out.toString());
}

// Breaks and tabs become spaces; no-break and ideographic spaces are typography and stay.
const isBreakingWhitespace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0x2028 || c === 0x2029;
const SPACE = 0x20;

/**
 * A metadata value (title, author, source) on one line: NFC, one space for each run of breaking
 * white space, trimmed, with lone surrogates and invisible controls treated as in toArticleText.
 */
export function toSingleLine(raw: string): string {
  const out = new CodeUnitWriter(raw.length);
  // A control character, though dropped, ends a run of white space, as it always has.
  let inSpace = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    const space = isBreakingWhitespace(c);
    if (space && !inSpace) out.push(SPACE);
    inSpace = space;
    if (space) continue;
    if (isHighSurrogate(c) && isLowSurrogate(raw.charCodeAt(i + 1))) {
      out.push(c);
      out.push(raw.charCodeAt(++i));
    } else if (isHighSurrogate(c) || isLowSurrogate(c)) {
      out.push(REPLACEMENT_CHARACTER);
    } else if (!isInvisibleControl(c)) {
      out.push(c);
    }
  }
  return out.toString().normalize('NFC').trim();
}

/** Length as a person counts characters (code points), for limits stated in characters. */
export function codePointLength(s: string): number {
  let pairs = 0;
  for (let i = 0; i < s.length - 1; i++) {
    if (isHighSurrogate(s.charCodeAt(i)) && isLowSurrogate(s.charCodeAt(i + 1))) {
      pairs++;
      i++;
    }
  }
  return s.length - pairs;
}

/**
 * `s` without the characters at its end that `char` (a class of BMP characters) matches. A loop
 * from the end: `/[…]+$/` retries at every character of an inner run, quadratic in its length.
 */
export function trimEnd(s: string, char: RegExp): string {
  let end = s.length;
  while (end > 0 && char.test(s[end - 1]!)) end--;
  return s.slice(0, end);
}
