import { anchorSpan, CONTEXT_LENGTH, type Anchor } from '../annotations/offsets.ts';

/**
 * Places a span given in one version of a text (the file's) into the text that is stored (the
 * article after normalisation, or the copy already in the corpus when the import is a duplicate
 * by URL). When the texts are the same the offsets are checked as they are. Otherwise the quote
 * is searched for, as Hypothesis re-anchors: every occurrence is scored by how much of the
 * context around it matches and how close it lies to where the span sat in the other text.
 * Null when the quote is nowhere in the stored text, or the span cannot be annotated.
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
  for (let at = stored.indexOf(exact); at !== -1; at = stored.indexOf(exact, at + 1)) {
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
