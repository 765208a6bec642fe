import { describe, expect, it } from 'vitest';
import { prng } from '@/lib/random/seeded.ts';
import { assignLanes, segmentRange, type Segment, type Span } from './segments.ts';

const span = (id: string, start: number, end: number): Span => ({ id, start, end });

/** A segment list in a compact, readable form: `[start, end, 'id:lane:fl', ...]`, outermost layer first. */
const compact = (segments: Segment<Span>[]) =>
  segments.map((s) => [s.start, s.end, ...s.layers.map((l) => `${l.span.id}:${l.lane}:${l.first ? 'f' : '-'}${l.last ? 'l' : '-'}`)]);

/** Every character of [from, to) lies in exactly one segment, in order, with no empty piece. */
function expectTiling(segments: Segment<Span>[], from: number, to: number) {
  if (from >= to) return expect(segments).toEqual([]);
  expect(segments[0]!.start).toBe(from);
  expect(segments.at(-1)!.end).toBe(to);
  for (let i = 0; i < segments.length; i++) {
    expect(segments[i]!.start).toBeLessThan(segments[i]!.end);
    if (i > 0) expect(segments[i]!.start).toBe(segments[i - 1]!.end);
  }
  const hits = new Array<number>(to - from).fill(0);
  for (const s of segments) for (let c = s.start; c < s.end; c++) hits[c - from]!++;
  expect(hits.every((n) => n === 1)).toBe(true);
}

const overlap = (a: Span, b: Span) => a.start < b.end && b.start < a.end;

describe('assignLanes', () => {
  it('puts disjoint and touching spans in lane 0', () => {
    const lanes = assignLanes([span('a', 0, 5), span('b', 5, 9), span('c', 12, 20), span('d', 9, 12)]);
    expect(Object.fromEntries(lanes)).toEqual({ a: 0, b: 0, c: 0, d: 0 });
  });

  it('gives crossing spans different lanes, the shorter one lower', () => {
    expect(Object.fromEntries(assignLanes([span('long', 0, 10), span('short', 6, 12)]))).toEqual({ short: 0, long: 1 });
  });

  it('gives a nested span a lower lane than the span around it, at any depth', () => {
    const lanes = assignLanes([span('outer', 0, 30), span('middle', 5, 20), span('inner', 8, 12)]);
    expect(Object.fromEntries(lanes)).toEqual({ inner: 0, middle: 1, outer: 2 });
  });

  it('separates identical spans, by id, and spans sharing a start or an end', () => {
    expect(Object.fromEntries(assignLanes([span('b', 3, 9), span('a', 3, 9)]))).toEqual({ a: 0, b: 1 });
    expect(Object.fromEntries(assignLanes([span('whole', 0, 10), span('head', 0, 4), span('tail', 6, 10)]))).toEqual({ head: 0, tail: 0, whole: 1 });
    expect(Object.fromEntries(assignLanes([span('x', 2, 10), span('y', 2, 6)]))).toEqual({ y: 0, x: 1 });
    expect(Object.fromEntries(assignLanes([span('x', 2, 10), span('y', 6, 10)]))).toEqual({ y: 0, x: 1 });
  });

  it('reuses the lowest free lane rather than stacking every span', () => {
    // "wide" overlaps only "a" and "b", which share lane 0; "c" is free to sit in lane 0 again.
    const lanes = assignLanes([span('a', 0, 3), span('b', 4, 7), span('wide', 1, 6), span('c', 8, 11)]);
    expect(Object.fromEntries(lanes)).toEqual({ a: 0, b: 0, c: 0, wide: 1 });
  });

  it('does not depend on the order of its input', () => {
    const spans = [span('a', 0, 10), span('b', 2, 4), span('c', 3, 8), span('d', 8, 9), span('e', 0, 10)];
    const expected = Object.fromEntries(assignLanes(spans));
    expect(Object.fromEntries(assignLanes([...spans].reverse()))).toEqual(expected);
    expect(Object.fromEntries(assignLanes([spans[2]!, spans[4]!, spans[0]!, spans[3]!, spans[1]!]))).toEqual(expected);
  });

  it('gives empty and reversed spans no lane, so they never push a real span up', () => {
    // Bug fixed here: a zero-length span used to hold lane 0 at its offset, lifting "real" to lane 1.
    const lanes = assignLanes([span('empty', 5, 5), span('reversed', 7, 3), span('real', 0, 10)]);
    expect(Object.fromEntries(lanes)).toEqual({ real: 0 });
  });

  it('returns an empty map for no spans', () => {
    expect(assignLanes([]).size).toBe(0);
  });
});

describe('segmentRange', () => {
  it('returns one bare segment for text without spans, and nothing for an empty range', () => {
    expect(segmentRange(0, 10, [])).toEqual([{ start: 0, end: 10, layers: [] }]);
    expect(segmentRange(4, 4, [span('a', 0, 10)])).toEqual([]);
  });

  it('cuts crossing spans into three pieces, with the start and end marks on the right pieces', () => {
    const segments = segmentRange(0, 20, [span('a', 2, 10), span('b', 6, 12)]);
    expect(compact(segments)).toEqual([
      [0, 2],
      [2, 6, 'a:1:f-'],
      [6, 10, 'a:1:-l', 'b:0:f-'],
      [10, 12, 'b:0:-l'],
      [12, 20],
    ]);
    expectTiling(segments, 0, 20);
  });

  it('nests a span inside another, the outer span outermost', () => {
    expect(compact(segmentRange(0, 10, [span('outer', 0, 10), span('inner', 3, 6)]))).toEqual([
      [0, 3, 'outer:1:f-'],
      [3, 6, 'outer:1:--', 'inner:0:fl'],
      [6, 10, 'outer:1:-l'],
    ]);
  });

  it('paints identical spans as one piece with both layers, each first and last', () => {
    expect(compact(segmentRange(0, 10, [span('b', 2, 5), span('a', 2, 5)]))).toEqual([
      [0, 2],
      [2, 5, 'b:1:fl', 'a:0:fl'],
      [5, 10],
    ]);
  });

  it('handles spans sharing a start or an end', () => {
    expect(compact(segmentRange(0, 10, [span('long', 0, 10), span('head', 0, 4)]))).toEqual([
      [0, 4, 'long:1:f-', 'head:0:fl'],
      [4, 10, 'long:1:-l'],
    ]);
    expect(compact(segmentRange(0, 10, [span('long', 0, 10), span('tail', 7, 10)]))).toEqual([
      [0, 7, 'long:1:f-'],
      [7, 10, 'long:1:-l', 'tail:0:fl'],
    ]);
  });

  it('keeps touching spans in one lane, each in its own piece', () => {
    expect(compact(segmentRange(0, 9, [span('a', 0, 4), span('b', 4, 9)]))).toEqual([
      [0, 4, 'a:0:fl'],
      [4, 9, 'b:0:fl'],
    ]);
  });

  it('orders layers highest lane first when many spans cover a piece', () => {
    const spans = [span('l0', 4, 5), span('l3', 0, 10), span('l1', 3, 6), span('l2', 2, 8)];
    const piece = segmentRange(0, 10, spans).find((s) => s.start === 4)!;
    expect(piece.layers.map((l) => [l.span.id, l.lane])).toEqual([
      ['l3', 3],
      ['l2', 2],
      ['l1', 1],
      ['l0', 0],
    ]);
  });

  it('clips spans to the range, marking only the ends that fall inside it', () => {
    const spans = [span('before', 0, 12), span('after', 18, 40), span('around', 0, 40), span('outside', 30, 35), span('left', 0, 10)];
    const segments = segmentRange(10, 20, spans);
    expect(compact(segments)).toEqual([
      [10, 12, 'around:2:--', 'before:1:-l'],
      [12, 18, 'around:2:--'],
      [18, 20, 'around:2:--', 'after:1:f-'],
    ]);
    expectTiling(segments, 10, 20);
  });

  it('paints a span crossing two paragraphs in both, first in one and last in the other', () => {
    const text = 'First paragraph ends here.\n\nSecond one starts.';
    const paragraphs = [
      { start: 0, end: text.indexOf('\n') },
      { start: text.indexOf('Second'), end: text.length },
    ];
    const crossing = span('x', text.indexOf('ends'), text.indexOf(' starts'));
    const inner = span('y', text.indexOf('here'), text.indexOf('.'));
    const spans = [crossing, inner];
    const lanes = assignLanes(spans);
    const [one, two] = paragraphs.map((p) => segmentRange(p.start, p.end, spans, lanes));
    expect(one!.map((s) => [text.slice(s.start, s.end), ...s.layers.map((l) => `${l.span.id}${l.first ? 'f' : ''}${l.last ? 'l' : ''}`)])).toEqual([
      ['First paragraph '],
      ['ends ', 'xf'],
      ['here', 'x', 'yfl'],
      ['.', 'x'],
    ]);
    expect(two!.map((s) => [text.slice(s.start, s.end), ...s.layers.map((l) => `${l.span.id}${l.first ? 'f' : ''}${l.last ? 'l' : ''}`)])).toEqual([
      ['Second one', 'xl'],
      [' starts.'],
    ]);
    // The paragraph break itself is in neither paragraph, so no piece of it is painted.
    for (const [p, segments] of [
      [paragraphs[0]!, one!],
      [paragraphs[1]!, two!],
    ] as const)
      expectTiling(segments, p.start, p.end);
  });

  it('keeps a span in the lane given by a shared lane map, even where its neighbours differ', () => {
    // Lanes computed over the whole article: "x" is lane 1 because of "y" in paragraph one, and
    // must keep lane 1 in paragraph two where, on its own, it would have had lane 0.
    const spans = [span('x', 5, 25), span('y', 6, 8)];
    const lanes = assignLanes(spans);
    expect(segmentRange(20, 30, spans, lanes)[0]!.layers).toEqual([{ span: spans[0], lane: 1, first: false, last: true }]);
    expect(segmentRange(20, 30, [spans[0]!])[0]!.layers[0]!.lane).toBe(0);
  });

  it('ignores empty and reversed spans, even on a segment boundary', () => {
    const spans = [span('empty', 4, 4), span('reversed', 8, 2), span('edge', 10, 10), span('real', 2, 6)];
    const segments = segmentRange(0, 10, spans);
    expect(compact(segments)).toEqual([
      [0, 2],
      [2, 6, 'real:0:fl'],
      [6, 10],
    ]);
  });

  it('falls back to lane 0 for a span missing from a given lane map', () => {
    expect(segmentRange(0, 4, [span('a', 0, 4)], new Map())[0]!.layers[0]!.lane).toBe(0);
  });

  it('cuts at UTF-16 offsets: emoji, CJK and combining marks come back whole when the spans hold them whole', () => {
    // 🌊 and 𠮷 are two UTF-16 units each; "e\u0301" is a letter and its combining acute accent.
    const text = 'Wave 🌊 hits 佐藤 𠮷田 cafe\u0301 👩‍👩‍👧 end';
    const at = (needle: string) => span(needle, text.indexOf(needle), text.indexOf(needle) + needle.length);
    const spans = [at('🌊 hits'), at('佐藤 𠮷'), at('𠮷田'), at('cafe\u0301'), at('👩‍👩‍👧')];
    const segments = segmentRange(0, text.length, spans);
    expectTiling(segments, 0, text.length);
    expect(segments.map((s) => text.slice(s.start, s.end)).join('')).toBe(text);
    expect(segments.map((s) => [text.slice(s.start, s.end), s.layers.map((l) => l.span.id).join('|')])).toEqual([
      ['Wave ', ''],
      ['🌊 hits', '🌊 hits'],
      [' ', ''],
      ['佐藤 ', '佐藤 𠮷'],
      ['𠮷', '佐藤 𠮷|𠮷田'],
      ['田', '𠮷田'],
      [' ', ''],
      ['cafe\u0301', 'cafe\u0301'],
      [' ', ''],
      ['👩‍👩‍👧', '👩‍👩‍👧'],
      [' end', ''],
    ]);
    // The overlap holds 𠮷 whole: both of its UTF-16 units, never one.
    const kichi = segments.find((s) => text.slice(s.start, s.end) === '𠮷')!;
    expect(kichi.end - kichi.start).toBe(2);
  });
});

describe('segments and lanes over random spans', () => {
  const LENGTH = 60;

  function randomCase(seed: number) {
    const random = prng(seed);
    const int = (n: number) => Math.floor(random() * n);
    const spans: Span[] = [];
    const count = int(16);
    for (let i = 0; i < count; i++) {
      const roll = random();
      if (roll < 0.1 && spans.length > 0) {
        // A duplicate of an earlier span's range, or one sharing its start or end.
        const other = spans[int(spans.length)]!;
        const kind = int(3);
        const start = kind === 2 ? other.start - int(5) : other.start;
        const end = kind === 1 ? other.end + int(5) : other.end;
        spans.push(span(`s${i}`, Math.max(0, start), Math.min(LENGTH, end)));
      } else if (roll < 0.15) {
        const at = int(LENGTH + 1);
        spans.push(span(`s${i}`, at, at)); // empty
      } else {
        const start = int(LENGTH);
        spans.push(span(`s${i}`, start, Math.min(LENGTH, start + 1 + int(random() < 0.3 ? LENGTH : 12))));
      }
    }
    const from = random() < 0.4 ? 0 : int(LENGTH);
    const to = random() < 0.4 ? LENGTH : from + int(LENGTH - from + 1);
    return { spans, from, to };
  }

  it('hold their invariants for 1000 seeded cases', () => {
    // Collected rather than asserted one by one: a million expect() calls would be slow.
    const failures: string[] = [];
    for (let seed = 1; seed <= 1000; seed++) {
      const { spans, from, to } = randomCase(seed);
      const painted = spans.filter((s) => s.start < s.end);
      const lanes = assignLanes(spans);
      const check = (ok: boolean, what: string) => {
        if (!ok) failures.push(`seed ${seed}: ${what} in ${JSON.stringify({ spans, from, to })}`);
      };

      // Lanes: every painted span has one, no two overlapping spans share one, nesting goes outwards.
      check(JSON.stringify([...lanes.keys()].sort()) === JSON.stringify(painted.map((s) => s.id).sort()), 'lanes for exactly the painted spans');
      for (const a of painted)
        for (const b of painted) {
          if (a === b || !overlap(a, b)) continue;
          check(lanes.get(a.id) !== lanes.get(b.id), `${a.id} and ${b.id} overlap in one lane`);
          const aInsideB = b.start <= a.start && a.end <= b.end;
          if (aInsideB && a.end - a.start < b.end - b.start) check(lanes.get(a.id)! < lanes.get(b.id)!, `${a.id} nested in ${b.id} has a lane no lower`);
        }
      // Lowest free lane: below its lane, each lane holds a span that overlaps it and was placed first (no longer).
      for (const a of painted)
        for (let lane = 0; lane < lanes.get(a.id)!; lane++)
          check(
            painted.some((b) => b !== a && lanes.get(b.id) === lane && overlap(a, b) && b.end - b.start <= a.end - a.start),
            `${a.id} could have had lane ${lane}`,
          );

      // Segments tile the range and each lists exactly the spans covering it.
      const segments = segmentRange(from, to, spans, lanes);
      const hits = new Array<number>(Math.max(0, to - from)).fill(0);
      for (const g of segments) for (let c = g.start; c < g.end; c++) if (c >= from && c < to) hits[c - from]!++;
      check(
        hits.every((n) => n === 1),
        'characters not covered exactly once',
      );
      check(from < to ? segments[0]?.start === from && segments.at(-1)?.end === to : segments.length === 0, 'segments do not span the range');
      segments.forEach((g, i) => check(g.start < g.end && (i === 0 || g.start === segments[i - 1]!.end), `segment ${i} empty or not contiguous`));
      for (const g of segments) {
        const covering = painted.filter((s) => s.start <= g.start && s.end >= g.end);
        check(JSON.stringify(g.layers.map((l) => l.span.id).sort()) === JSON.stringify(covering.map((s) => s.id).sort()), `layers of [${g.start}, ${g.end})`);
        // No span starts or ends strictly inside a piece.
        for (const s of painted)
          check(!(s.start > g.start && s.start < g.end) && !(s.end > g.start && s.end < g.end), `${s.id} cut inside [${g.start}, ${g.end})`);
        g.layers.forEach((l, i) => {
          check(i === 0 || g.layers[i - 1]!.lane > l.lane, `layers of [${g.start}, ${g.end}) not highest lane first`);
          check(l.lane === lanes.get(l.span.id), `${l.span.id} lane`);
          check(l.first === (l.span.start === g.start) && l.last === (l.span.end === g.end), `${l.span.id} first/last at [${g.start}, ${g.end})`);
        });
      }
      // Each span inside the range shows its start once and its end once (a clipped end nowhere),
      // over consecutive pieces that together hold exactly its clipped extent.
      for (const s of painted.filter((p) => from < to && p.start < to && p.end > from)) {
        const holding = segments.filter((g) => g.layers.some((l) => l.span === s));
        const layers = holding.map((g) => g.layers.find((l) => l.span === s)!);
        check(layers.filter((l) => l.first).length === (s.start >= from ? 1 : 0), `${s.id} start marks`);
        check(layers.filter((l) => l.last).length === (s.end <= to ? 1 : 0), `${s.id} end marks`);
        const extent = Math.min(s.end, to) - Math.max(s.start, from);
        check(holding.reduce((n, g) => n + g.end - g.start, 0) === extent && holding.at(-1)!.end - holding[0]!.start === extent, `${s.id} extent`);
      }
      // Cutting the whole text into paragraphs paints the same layers as painting it at once.
      const whole = segmentRange(0, LENGTH, spans, lanes);
      const cut = [0, 17, 18, 41, LENGTH];
      const pieces = cut.slice(1).flatMap((end, i) => segmentRange(cut[i]!, end, spans, lanes));
      const lanesAt = (list: Segment<Span>[], c: number) =>
        JSON.stringify(list.find((g) => g.start <= c && c < g.end)!.layers.map((l) => `${l.span.id}:${l.lane}`));
      for (let c = 0; c < LENGTH; c++) check(lanesAt(pieces, c) === lanesAt(whole, c), `paragraph cut changes layers at ${c}`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });
});
