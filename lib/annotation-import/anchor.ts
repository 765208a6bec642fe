import { anchorSpan, CONTEXT_LENGTH, type Anchor } from '../annotations/offsets.ts';

/**
 * Places a span given in one version of a text (the file's) into the text that is stored (the
 * article after normalisation, or the copy already in the corpus when the import is a duplicate
 * by URL). When the texts are the same the offsets are checked as they are. Otherwise the quote
 * is searched for, as Hypothesis re-anchors: every occurrence is scored by how much of the
 * context around it matches and how close it lies to where the span sat in the other text.
 * Null when the quote is nowhere in the stored text, or the span cannot be annotated.
 *
 * Occurrences are taken nearest the expected place first, and at most MAX_CANDIDATES of them are
 * scored: a short quote in a long, repetitive text (one letter in a million) would otherwise cost
 * a scan of the whole text per annotation.
 */
export function reanchor(given: string, stored: string, span: { start: number; end: number; exact: string }): Anchor | null {
  if (given === stored) {
    const anchored = anchorSpan(stored, span);
    return anchored.ok ? anchored.value : null;
  }
  const exact = comparable(span.exact);
  if (!/\S/u.test(exact)) return null;
  const prefix = comparable(given.slice(Math.max(0, span.start - CONTEXT_LENGTH), span.start));
  const suffix = comparable(given.slice(span.end, span.end + CONTEXT_LENGTH));
  const expected = given.length ? (span.start / given.length) * stored.length : 0;
  let best: { start: number; score: number } | null = null;
  for (const at of occurrencesNear(stored, exact, Math.round(expected))) {
    const score =
      commonSuffixLength(stored.slice(Math.max(0, at - prefix.length), at), prefix) +
      commonPrefixLength(stored.slice(at + exact.length, at + exact.length + suffix.length), suffix) -
      Math.abs(at - expected) / Math.max(stored.length, 1);
    if (!best || score > best.score) best = { start: at, score };
  }
  if (!best) return null;
  const anchored = anchorSpan(stored, { start: best.start, end: best.start + exact.length });
  return anchored.ok ? anchored.value : null;
}

export const MAX_CANDIDATES = 64;

/**
 * Up to MAX_CANDIDATES occurrences of `quote` in `text`, the nearest to `around` first: windows
 * that double in size around it are searched (each scan bounded by its window) until enough are
 * found or the text is covered, so the cost follows the distance to the quote, not the text's length.
 */
function occurrencesNear(text: string, quote: string, around: number): number[] {
  if (!text.includes(quote)) return [];
  const found: number[] = [];
  for (let radius = 4 * (quote.length + 64); ; radius *= 2) {
    const from = Math.max(0, around - radius);
    const to = Math.min(text.length, around + radius + quote.length);
    const window = text.slice(from, to);
    found.length = 0;
    for (let at = window.indexOf(quote); at !== -1 && found.length < MAX_CANDIDATES * 4; at = window.indexOf(quote, at + 1)) found.push(from + at);
    if (found.length >= MAX_CANDIDATES || (from === 0 && to === text.length)) break;
  }
  return found.sort((a, b) => Math.abs(a - around) - Math.abs(b - around)).slice(0, MAX_CANDIDATES);
}

/** Text in the form normalisation gives it (NFC, `\n` line ends), so a quote can be found in the stored text. */
const comparable = (text: string) => text.replace(/\r\n?/g, '\n').normalize('NFC');

function commonPrefixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function commonSuffixLength(a: string, b: string): number {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  return n;
}
