import { fail, ok, type FieldErrors, type Result } from '@/lib/result.ts';

/**
 * Spans are UTF-16 code unit offsets into Article.text, start inclusive, end exclusive
 * (docs/architecture.md "Text and offsets"). Pure, so the server and the annotator share one rule.
 */

/** Characters of context kept on each side, as Hypothesis does, to re-anchor after corrections. */
export const CONTEXT_LENGTH = 32;

export interface SpanInput {
  start: number;
  end: number;
  exact?: string;
}

export interface Anchor {
  start: number;
  end: number;
  exact: string;
  prefix: string;
  suffix: string;
}

const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** True when `offset` falls between the two halves of a surrogate pair (inside one emoji, say). */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return offset > 0 && offset < text.length && isHigh(text.charCodeAt(offset - 1)) && isLow(text.charCodeAt(offset));
}

/** Checks a span against its article's text and returns it with its context, or field errors. */
export function anchorSpan(text: string, { start, end, exact }: SpanInput): Result<Anchor> {
  const errors: FieldErrors = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  if (!Number.isInteger(start) || start < 0 || start > text.length) add('start', `The start must be a whole number from 0 to ${text.length}.`);
  if (!Number.isInteger(end) || end < 0 || end > text.length) add('end', `The end must be a whole number from 0 to ${text.length}.`);
  if (Object.keys(errors).length === 0 && start >= end) add('end', 'The end must come after the start.');
  if (Object.keys(errors).length) return fail('validation', 'The span is not inside the text.', errors);

  if (splitsSurrogatePair(text, start)) add('start', 'The start falls inside a character (between the halves of a surrogate pair).');
  if (splitsSurrogatePair(text, end)) add('end', 'The end falls inside a character (between the halves of a surrogate pair).');
  const quote = text.slice(start, end);
  if (exact !== undefined && exact !== quote) add('exact', 'The quoted text does not match the article at these offsets; reload the article and select again.');
  if (!/\S/u.test(quote)) add('start', 'The span holds only white space.');
  if (Object.keys(errors).length) return fail('validation', 'The span cannot be annotated.', errors);

  let prefixStart = Math.max(0, start - CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1;
  let suffixEnd = Math.min(text.length, end + CONTEXT_LENGTH);
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1;
  return ok({ start, end, exact: quote, prefix: text.slice(prefixStart, start), suffix: text.slice(end, suffixEnd) });
}

/** A UTF-16 offset as a count of code points, as W3C's TextPositionSelector counts. */
export function toCodePointOffset(text: string, utf16Offset: number): number {
  let count = 0;
  for (let i = 0; i < utf16Offset; i++) if (!(isLow(text.charCodeAt(i)) && i > 0 && isHigh(text.charCodeAt(i - 1)))) count++;
  return count;
}

/** The inverse of toCodePointOffset; null past the end of the text. */
export function fromCodePointOffset(text: string, codePoints: number): number | null {
  let offset = 0;
  for (let n = 0; n < codePoints; n++) {
    if (offset >= text.length) return null;
    offset += isHigh(text.charCodeAt(offset)) && isLow(text.charCodeAt(offset + 1)) ? 2 : 1;
  }
  return offset;
}
