import { createHash } from 'node:crypto';
import { CodeUnitWriter } from './code-unit-writer.ts';

const TAB = 0x09;
const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const NO_BREAK_SPACE = 0xa0;

/** What String.prototype.trim removes: ECMAScript's WhiteSpace and LineTerminator. */
function isTrimmed(c: number): boolean {
  if (c <= SPACE) return c === SPACE || (c >= TAB && c <= CR);
  if (c < NO_BREAK_SPACE) return false;
  return (
    c === NO_BREAK_SPACE ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * The one normalisation of article text (docs/architecture.md "Text and offsets"): NFC, `\n` line endings,
 * paragraphs separated by exactly one blank line, no BOM, trimmed paragraphs. Offsets of every
 * annotation index into its result, so it must run once, at import, and never change silently.
 *
 * Precisely: lines end at `\r\n`, `\r` or `\n`; a line of only spaces, tabs and no-break spaces
 * is blank and ends a paragraph; every other line loses its trailing spaces and tabs; a paragraph
 * (its lines joined by `\n`) is trimmed as String.prototype.trim does, and kept when not empty.
 *
 * One pass, character by character: regular expressions did this before, and `/[ \t]+$/` retries
 * at every character of a run of white space (a line of 40,000 spaces took seconds, of 200,000
 * minutes), a repeated group over blank lines overflowed the stack on a file of line breaks, and
 * a global replacement costs far more per match than a loop per character.
 */
export function normalizeArticleText(raw: string): string {
  const text = raw.replace(/^\ufeff/, '').normalize('NFC');
  // Every character written stands for one read (a paragraph break for two line ends at least).
  const out = new CodeUnitWriter(text.length);
  // Where the current paragraph's first character was written; -1 while it has none.
  let paragraphStart = -1;

  const endParagraph = () => {
    if (paragraphStart === -1) return;
    while (isTrimmed(out.last())) out.length--;
    paragraphStart = -1;
  };
  const writeLine = (start: number, end: number) => {
    let from = start;
    if (paragraphStart === -1) {
      // The paragraph's leading white space goes, whole lines of it included (trim).
      while (from < end && isTrimmed(text.charCodeAt(from))) from++;
      if (from === end) return;
      if (out.length > 0) {
        out.push(LF);
        out.push(LF);
      }
      paragraphStart = out.length;
    } else {
      out.push(LF);
    }
    for (let i = from; i < end; i++) out.push(text.charCodeAt(i));
  };

  let start = 0;
  while (start <= text.length) {
    let end = start;
    let blank = true;
    let contentEnd = start;
    for (; end < text.length; end++) {
      const c = text.charCodeAt(end);
      if (c === LF || c === CR) break;
      if (c !== SPACE && c !== TAB) {
        contentEnd = end + 1;
        if (c !== NO_BREAK_SPACE) blank = false;
      }
    }
    if (blank) endParagraph();
    else writeLine(start, contentEnd);
    start = end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
  }
  endParagraph();
  return out.toString();
}

/** Identity of an article's content for deduplication: SHA-256 of the normalised text. */
export function contentHash(normalizedText: string): string {
  return createHash('sha256').update(normalizedText, 'utf8').digest('hex');
}
