/**
 * Turning a rough selection into the span a researcher meant: trimmed of surrounding white
 * space and widened to whole words (Intl.Segmenter, so CJK, emoji and combining marks are
 * cut where a reader would cut them). With `words: false` (Alt held) only whole characters
 * (grapheme clusters) are kept. Pure; the annotator and its tests share it.
 */

export interface Range {
  start: number;
  end: number;
}

// Words longer than this are cut at the window edge: a selection never scans the whole text.
const WINDOW = 128;
const wordSegmenter = new Intl.Segmenter('und', { granularity: 'word' });
const graphemeSegmenter = new Intl.Segmenter('und', { granularity: 'grapheme' });

function containing(segmenter: Intl.Segmenter, text: string, index: number) {
  const from = Math.max(0, index - WINDOW);
  const piece = segmenter.segment(text.slice(from, Math.min(text.length, index + WINDOW))).containing(index - from);
  return piece ? { start: from + piece.index, end: from + piece.index + piece.segment.length, wordLike: piece.isWordLike ?? true } : null;
}

const isSpace = (text: string, index: number) => /\s/u.test(text[index] ?? '');

/** The selection trimmed and snapped; null when nothing but white space was selected. */
export function snapSelection(text: string, { start, end }: Range, { words = true }: { words?: boolean } = {}): Range | null {
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  while (start < end && isSpace(text, start)) start++;
  while (end > start && isSpace(text, end - 1)) end--;
  if (start === end) return null;
  const segmenter = words ? wordSegmenter : graphemeSegmenter;
  const first = containing(segmenter, text, start);
  if (first && first.start < start && (first.wordLike || !words)) start = first.start;
  const last = containing(segmenter, text, end - 1);
  if (last && last.end > end && (last.wordLike || !words)) end = last.end;
  // A word segment can still end inside a grapheme cluster (a base letter before its mark), and
  // a start inside a segment that is not word-like (an emoji, a flag) was not widened above.
  if (words) {
    const head = containing(graphemeSegmenter, text, start);
    if (head && head.start < start) start = head.start;
    const cluster = containing(graphemeSegmenter, text, end - 1);
    if (cluster && cluster.end > end) end = cluster.end;
  }
  return { start, end };
}

/** The next or previous word boundary from `offset`, for moving a span's ends by keyboard. */
export function nextWordBoundary(text: string, offset: number, direction: 1 | -1): number {
  if (direction === 1) {
    let i = offset;
    while (i < text.length && isSpace(text, i)) i++;
    const word = containing(wordSegmenter, text, i);
    return word ? Math.max(word.end, Math.min(i + 1, text.length)) : text.length;
  }
  let i = offset;
  while (i > 0 && isSpace(text, i - 1)) i--;
  if (i === 0) return 0;
  const word = containing(wordSegmenter, text, i - 1);
  return word ? word.start : 0;
}
