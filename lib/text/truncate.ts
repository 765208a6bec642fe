/**
 * The one way to shorten text for display or a message: never inside a grapheme (an emoji ZWJ
 * sequence, a flag, a letter with its combining marks), so never inside a surrogate pair either.
 * Pure, and bounded: it looks at no more than about `max` characters of the text however long
 * the text is, so a hostile 10 MB value costs what a short one does.
 */
export interface TruncateOptions {
  /**
   * What `max` counts: code points (the default: what a person sees as characters, near enough),
   * or UTF-16 code units (what a zod `.max()` and the API's limits count).
   */
  unit?: 'code-point' | 'utf16';
  /** End on a whole word when a space is in the second half of what fits, without trailing punctuation. */
  atWord?: boolean;
  /** Appended when the text is cut; counted in `max`. `''` cuts a stored value to its limit (and keeps trailing spaces). */
  ellipsis?: string;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const TRAILING_SPACE = /\s/u;
const TRAILING_WORD_END = /[\s,;:\-–—]/u;

function codePoints(text: string, end = text.length): number {
  let count = 0;
  for (let i = 0; i < end; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < end) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    count++;
  }
  return count;
}

/** Whether `text` is at most `max` long, looking at no more than 2·max units of it. */
function fits(text: string, max: number, unit: 'code-point' | 'utf16'): boolean {
  if (text.length <= max) return true;
  if (unit === 'utf16' || text.length > 2 * max) return false;
  return codePoints(text) <= max;
}

/** `text` without the characters at its end that `char` matches (a loop: a regex `…+$` is quadratic on inner runs). */
function trimEndOf(text: string, char: RegExp): string {
  let end = text.length;
  while (end > 0 && char.test(text[end - 1]!)) end--;
  return text.slice(0, end);
}

/** `text` if it is at most `max` long, else its longest run of whole graphemes that fits with the ellipsis, then the ellipsis. */
export function truncate(text: string, max: number, { unit = 'code-point', atWord = false, ellipsis = '…' }: TruncateOptions = {}): string {
  if (fits(text, max, unit)) return text;
  const room = max - (unit === 'utf16' ? ellipsis.length : codePoints(ellipsis));
  if (room <= 0) return ellipsis;
  // A grapheme boundary depends only on what comes before it and the one code point after it, so
  // segmenting a prefix one code point longer than `room` finds every boundary that matters.
  const prefix = text.slice(0, (unit === 'utf16' ? room : 2 * room) + 2);
  let end = 0;
  let length = 0;
  for (const { segment } of graphemes.segment(prefix)) {
    const size = unit === 'utf16' ? segment.length : codePoints(segment);
    if (length + size > room) break;
    end += segment.length;
    length += size;
  }
  let kept = text.slice(0, end);
  if (atWord) {
    const space = kept.lastIndexOf(' ');
    if (space > kept.length / 2) kept = kept.slice(0, space);
  }
  // A stored value cut to its limit keeps its spaces; a shown one does not end in a space before the ellipsis.
  return ellipsis ? `${trimEndOf(kept, atWord ? TRAILING_WORD_END : TRAILING_SPACE)}${ellipsis}` : kept;
}
