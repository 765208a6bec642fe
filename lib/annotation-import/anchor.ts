import { anchorSpan, CONTEXT_LENGTH, type Anchor } from '@/lib/annotations/offsets.ts';

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
  const expected = Math.round(given.length ? (span.start / given.length) * stored.length : 0);
  let candidates = stored.includes(exact) ? occurrencesNear(stored, expected, exact.length, exactMatches(exact)) : [];
  // Normalisation rewrites white space (trailing spaces, runs of blank lines): a quote across such a spot is found with any white space there.
  if (candidates.length === 0 && exact.length <= MAX_FLEXIBLE_QUOTE) {
    const pattern = flexiblePattern(exact);
    if (pattern && new RegExp(pattern.source, 'u').test(stored)) candidates = occurrencesNear(stored, expected, exact.length, flexibleMatches(pattern));
  }
  let best: { start: number; end: number; score: number } | null = null;
  for (const [start, end] of candidates) {
    const score =
      commonSuffixLength(stored.slice(Math.max(0, start - prefix.length), start), prefix) +
      commonPrefixLength(stored.slice(end, end + suffix.length), suffix) -
      Math.abs(start - expected) / Math.max(stored.length, 1);
    if (!best || score > best.score) best = { start, end, score };
  }
  if (!best) return null;
  const anchored = anchorSpan(stored, { start: best.start, end: best.end });
  return anchored.ok ? anchored.value : null;
}

export const MAX_CANDIDATES = 64;
/** Longer quotes are only found as they are: a pattern per word of a huge quote costs more than it finds. */
const MAX_FLEXIBLE_QUOTE = 10_000;

type Matches = (window: string, limit: number) => [number, number][];

const exactMatches =
  (quote: string): Matches =>
  (window, limit) => {
    const found: [number, number][] = [];
    for (let at = window.indexOf(quote); at !== -1 && found.length < limit; at = window.indexOf(quote, at + 1)) found.push([at, at + quote.length]);
    return found;
  };

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The quote's words with any run of white space between them; null for a quote of one word (nothing to bend). */
function flexiblePattern(quote: string): RegExp | null {
  const words = quote.trim().split(/\s+/u);
  return words.length < 2 ? null : new RegExp(words.map(escape).join('\\s+'), 'gu');
}

const flexibleMatches =
  (pattern: RegExp): Matches =>
  (window, limit) => {
    const found: [number, number][] = [];
    for (const match of window.matchAll(pattern)) {
      found.push([match.index, match.index + match[0].length]);
      if (found.length >= limit) break;
    }
    return found;
  };

/**
 * Up to MAX_CANDIDATES matches in `text`, the nearest to `around` first: windows that double in
 * size around it are searched (each scan bounded by its window) until enough are found or the
 * text is covered, so the cost follows the distance to the quote, not the text's length.
 */
function occurrencesNear(text: string, around: number, length: number, matches: Matches): [number, number][] {
  let found: [number, number][] = [];
  for (let radius = 4 * (length + 64); ; radius *= 2) {
    const from = Math.max(0, around - radius);
    const to = Math.min(text.length, around + radius + length);
    found = matches(text.slice(from, to), MAX_CANDIDATES * 4).map(([s, e]) => [from + s, from + e]);
    if (found.length >= MAX_CANDIDATES || (from === 0 && to === text.length)) break;
  }
  return found.sort((a, b) => Math.abs(a[0] - around) - Math.abs(b[0] - around)).slice(0, MAX_CANDIDATES);
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
