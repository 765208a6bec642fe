/**
 * Spans grouped by the paragraphs they touch, so that adding or editing one annotation
 * re-renders only its paragraphs: unchanged paragraphs keep the very same array, which a
 * memoised paragraph component can skip by reference. Pure.
 */
import type { Span } from './segments.ts';

export interface ParagraphRange {
  start: number;
  end: number;
}

/** Indices [first, last] of the paragraphs a span overlaps; first > last when none. */
export function paragraphsTouching(paragraphs: readonly ParagraphRange[], start: number, end: number): [number, number] {
  let lo = 0;
  let hi = paragraphs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (paragraphs[mid]!.end <= start) lo = mid + 1;
    else hi = mid;
  }
  let last = lo - 1;
  while (last + 1 < paragraphs.length && paragraphs[last + 1]!.start < end) last++;
  return [lo, last];
}

export function buildParagraphIndex<T extends Span>(paragraphs: readonly ParagraphRange[], spans: Iterable<T>): T[][] {
  const index: T[][] = paragraphs.map(() => []);
  for (const span of spans) {
    const [first, last] = paragraphsTouching(paragraphs, span.start, span.end);
    for (let i = first; i <= last; i++) index[i]!.push(span);
  }
  return index;
}

/** The index with `before` replaced by `after` (either may be absent: an add or a removal). */
export function updateParagraphIndex<T extends Span>(
  index: readonly T[][],
  paragraphs: readonly ParagraphRange[],
  before: T | undefined,
  after: T | undefined,
): T[][] {
  const next = index.slice();
  const touched = new Set<number>();
  for (const span of [before, after]) {
    if (!span) continue;
    const [first, last] = paragraphsTouching(paragraphs, span.start, span.end);
    for (let i = first; i <= last; i++) touched.add(i);
  }
  const id = (before ?? after)?.id;
  for (const i of touched) {
    const paragraph = paragraphs[i]!;
    const list = next[i]!.filter((s) => s.id !== id);
    if (after && after.start < paragraph.end && after.end > paragraph.start) list.push(after);
    next[i] = list;
  }
  return next;
}
