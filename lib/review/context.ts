import { splitsSurrogatePair } from '@/lib/annotations/offsets.ts';

/**
 * The sentence around a quote, for the review queue: the text before the quote back to the start
 * of its sentence, and after it up to the end of the sentence. Pure (offsets are UTF-16 units,
 * as everywhere), so the queue can run it on a window of the article cut out by SQL.
 */

/** At most this many UTF-16 units of context on each side of the quote. */
export const CONTEXT_MAX = 240;

export interface QuoteContext {
  /** From the start of the quote's sentence to the quote; "…" and the last words that fit when the sentence starts further back. */
  before: string;
  /** From the quote to the end of its sentence; the first words that fit and "…" when it ends further on. */
  after: string;
}

const ELLIPSIS = '…';
/** Sentence enders that need a space (or a line break, or the end) after them, so "3.5" goes on. */
const SPACED_END = /[.!?]/;
/** Full-width enders (Chinese, Japanese) end a sentence with no space after them. */
const FULL_WIDTH_END = /[。！？]/;
/** What may follow an ender and still belong to its sentence: closing quotes and brackets. */
const CLOSER = /["'”’»)\]」』）】〕]/;
const SPACE = /[ \t\u00a0\u3000]/;
/** How far from the limit a cut looks for a space, so a side cut short ends on a whole word. */
const WORD_SLACK = 40;

const is = (pattern: RegExp, ch: string | undefined) => ch !== undefined && pattern.test(ch);

function skipClosers(text: string, i: number): number {
  while (is(CLOSER, text[i])) i++;
  return i;
}

function skipClosersBack(text: string, i: number, floor = 0): number {
  while (i > floor && is(CLOSER, text[i - 1])) i--;
  return i;
}

/** Whether the characters just before `i` are an ender and its closers, and what follows lets it end there. */
function endsBefore(text: string, i: number): boolean {
  const closers = skipClosersBack(text, i);
  const ender = text[closers - 1];
  const spaceAfter = i >= text.length || text[i] === '\n' || is(SPACE, text[i]);
  // 。 ends a sentence outright, but 「…。」 quoted inside a sentence goes on (「波が来た。」と言った).
  if (is(FULL_WIDTH_END, ender)) return closers === i ? !is(CLOSER, text[i]) : spaceAfter;
  return is(SPACED_END, ender) && spaceAfter;
}

/** Whether a sentence (or a paragraph, or a line) starts at `p`. */
function sentenceStartsAt(text: string, p: number): boolean {
  if (p === 0 || text[p - 1] === '\n') return true;
  let k = p;
  while (k > 0 && is(SPACE, text[k - 1])) k--;
  return endsBefore(text, k);
}

/** `i` moved off the middle of a surrogate pair. */
const wholeCodePoint = (text: string, i: number, forward: boolean): number => (splitsSurrogatePair(text, i) ? i + (forward ? 1 : -1) : i);

function contextBefore(text: string, start: number): string {
  const floor = Math.max(0, start - CONTEXT_MAX);
  for (let p = start; p >= floor; p--) {
    if (sentenceStartsAt(text, p)) return text.slice(p, start).replace(/^[ \t\u00a0\u3000]+/, '');
  }
  // The sentence starts further back than the limit: begin at the first word near it.
  let cut = wholeCodePoint(text, floor, true);
  const space = text.slice(cut, Math.min(start, cut + WORD_SLACK)).search(/\s/);
  if (space >= 0) cut += space + 1;
  return ELLIPSIS + text.slice(cut, start);
}

function contextAfter(text: string, start: number, end: number): string {
  // A quote that ends its own sentence keeps only the closers that follow it.
  const closed = skipClosers(text, end);
  const last = text[skipClosersBack(text, end, start) - 1];
  if (is(FULL_WIDTH_END, last) || (is(SPACED_END, last) && endsBefore(text, closed))) return text.slice(end, closed);
  const ceiling = Math.min(text.length, end + CONTEXT_MAX);
  for (let i = end; i < ceiling; i++) {
    if (text[i] === '\n') return text.slice(end, i).replace(/[ \t\u00a0\u3000]+$/, '');
    if (is(SPACED_END, text[i]) || is(FULL_WIDTH_END, text[i])) {
      const stop = skipClosers(text, i + 1);
      if (endsBefore(text, stop)) return text.slice(end, stop);
    }
  }
  if (ceiling >= text.length) return text.slice(end);
  // The sentence ends further on than the limit: stop after the last whole word near it.
  let cut = wholeCodePoint(text, ceiling, false);
  const from = Math.max(end, cut - WORD_SLACK);
  const lastSpace = text.slice(from, cut).search(/\s\S*$/);
  if (lastSpace > 0) cut = from + lastSpace;
  return text.slice(end, cut) + ELLIPSIS;
}

/**
 * The context of the span [start, end) within its sentence, at most CONTEXT_MAX units a side.
 * A sentence ends at . ! ? (and any closing quotes or brackets) followed by a space or a line
 * break, at 。！？, or at a line break (paragraphs and lines are never crossed).
 */
export function sentenceAround(text: string, start: number, end: number): QuoteContext {
  return { before: contextBefore(text, start), after: contextAfter(text, start, end) };
}

/** Whether `text` has `part` ending at `at` (a prefix) or starting at `at` (a suffix), as far as `text` goes. */
const fitsBefore = (text: string, at: number, prefix: string) => prefix.endsWith(text.slice(Math.max(0, at - prefix.length), at));
const fitsAfter = (text: string, at: number, suffix: string) => suffix.startsWith(text.slice(at, at + suffix.length));

/** A quote with the window of its article's text the queue's SQL cut around it (reviewQueueSql). */
export interface QuoteWindow {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
  /** The window's first character, in code points (SQL's substr counts them). */
  windowStart: number;
  window: string;
}

/**
 * The quote's context from the SQL window, or null when the window cannot be trusted to hold
 * it (many characters above U+FFFF before the quote). The window starts at code point w0, so
 * the quote lies at UTF-16 index start - w0 - (astral characters before w0) within it: the last
 * occurrence of prefix + exact + suffix at or before start - w0.
 */
export function contextFromWindow(row: QuoteWindow): QuoteContext | null {
  const { window, exact } = row;
  const expected = row.start - row.windowStart;
  let at = Math.min(expected, window.length - exact.length);
  for (; at >= 0; at--) {
    if (window.startsWith(exact, at) && fitsBefore(window, at, row.prefix) && fitsAfter(window, at + exact.length, row.suffix)) break;
  }
  if (at < 0) return null;
  // Before the quote: CONTEXT_MAX units, or the window starts where the text does. After it the
  // window asked for CONTEXT_MAX + 1 code points (at least as many units): fewer means the text ends there.
  if (at < CONTEXT_MAX && !(row.windowStart === 0 && at === expected)) return null;
  return sentenceAround(window, at, at + exact.length);
}
