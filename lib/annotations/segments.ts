/**
 * Flattening overlapping spans into paintable segments. A paragraph's text is cut at every
 * span boundary; each piece lists the spans covering it, outermost lane first, so the
 * annotator can nest one element per span and each span keeps one underline height (its
 * lane) along its whole length within the paragraph. Pure: unit-tested with overlaps, nesting, emoji and CJK.
 */

export interface Span {
  id: string;
  start: number;
  end: number;
}

export interface Layer<T extends Span> {
  span: T;
  /** 0 draws closest to the text; shorter spans take lower lanes so nested spans stay visible. */
  lane: number;
  /** This piece holds the span's first / last character (where its start / end marks go). */
  first: boolean;
  last: boolean;
}

export interface Segment<T extends Span> {
  start: number;
  end: number;
  /** Highest lane first: the order in which to nest elements, outermost first. */
  layers: Layer<T>[];
}

/**
 * Gives each span the lowest lane no overlapping span already holds, shortest spans first.
 * Each lane keeps its spans sorted and disjoint, so a check is a binary search. Empty (and
 * reversed) spans are never painted, so they get no lane and hold none.
 */
export function assignLanes<T extends Span>(spans: readonly T[]): Map<string, number> {
  const order = spans.filter((s) => s.start < s.end).sort((a, b) => a.end - a.start - (b.end - b.start) || a.start - b.start || (a.id < b.id ? -1 : 1));
  const lanes: { starts: number[]; ends: number[] }[] = [];
  const result = new Map<string, number>();
  for (const span of order) {
    let lane = 0;
    for (; lane < lanes.length; lane++) if (fits(lanes[lane]!, span)) break;
    if (lane === lanes.length) lanes.push({ starts: [], ends: [] });
    const { starts, ends } = lanes[lane]!;
    const at = lowerBound(starts, span.start);
    starts.splice(at, 0, span.start);
    ends.splice(at, 0, span.end);
    result.set(span.id, lane);
  }
  return result;
}

function fits({ starts, ends }: { starts: number[]; ends: number[] }, span: Span): boolean {
  const at = lowerBound(starts, span.start);
  if (at > 0 && ends[at - 1]! > span.start) return false;
  return at === starts.length || starts[at]! >= span.end;
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Cuts [from, to) into segments at every boundary of the spans that touch it. Spans are
 * clipped to the range (a span crossing paragraphs is painted in each), empty pieces never
 * appear, and uncovered text comes back as segments with no layers.
 */
export function segmentRange<T extends Span>(from: number, to: number, spans: readonly T[], lanes: Map<string, number> = assignLanes(spans)): Segment<T>[] {
  const inside = spans.filter((s) => s.start < to && s.end > from && s.start < s.end);
  const cuts = new Set<number>([from, to]);
  for (const s of inside) {
    cuts.add(Math.max(s.start, from));
    cuts.add(Math.min(s.end, to));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const byStart = [...inside].sort((a, b) => a.start - b.start);
  const active: T[] = [];
  const segments: Segment<T>[] = [];
  let next = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    for (let k = active.length - 1; k >= 0; k--) if (active[k]!.end <= start) active.splice(k, 1);
    for (; next < byStart.length && byStart[next]!.start <= start; next++) {
      const span = byStart[next]!;
      if (span.end > start) active.push(span);
    }
    const layers = active
      .map((span) => ({ span, lane: lanes.get(span.id) ?? 0, first: span.start === start, last: span.end === end }))
      .sort((a, b) => b.lane - a.lane);
    segments.push({ start, end, layers });
  }
  return segments;
}
