import { describe, expect, it } from 'vitest';
import { prng } from '@/lib/random/seeded.ts';
import { buildParagraphIndex, paragraphsTouching, updateParagraphIndex, type ParagraphRange } from './paragraph-index.ts';
import type { Span } from './segments.ts';

const span = (id: string, start: number, end: number): Span => ({ id, start, end });

// Three paragraphs with blank lines between them, then one directly touching the third.
const PARAGRAPHS: ParagraphRange[] = [
  { start: 0, end: 10 },
  { start: 12, end: 20 },
  { start: 22, end: 30 },
  { start: 30, end: 40 },
];

const ids = (index: Span[][]) => index.map((list) => list.map((s) => s.id));

/** The paragraphs a span overlaps, the slow way. */
const bruteTouching = (paragraphs: readonly ParagraphRange[], s: Span) => paragraphs.flatMap((p, i) => (p.start < s.end && p.end > s.start ? [i] : []));

describe('paragraphsTouching', () => {
  it.each([
    ['inside one paragraph', 2, 5, [0, 0]],
    ['a whole paragraph exactly', 12, 20, [1, 1]],
    ['across the gap between two', 8, 14, [0, 1]],
    ['up to the start of the next (ends are exclusive)', 5, 12, [0, 0]],
    ['from the end of the previous', 10, 15, [1, 1]],
    ['the whole text', 0, 40, [0, 3]],
    ['up to where two paragraphs touch', 25, 30, [2, 2]],
    ['from where two paragraphs touch', 30, 35, [3, 3]],
    ['over the point where two paragraphs touch', 29, 31, [2, 3]],
    ['from inside the first to inside the last', 9, 31, [0, 3]],
  ])('finds the paragraphs of a span %s', (_what, start, end, expected) => {
    expect(paragraphsTouching(PARAGRAPHS, start, end)).toEqual(expected);
  });

  it.each([
    ['the gap between two paragraphs', 10, 12],
    ['part of a gap', 20, 21],
    ['the text after the last paragraph', 40, 45],
  ])('returns first > last for a span in %s', (_what, start, end) => {
    const [first, last] = paragraphsTouching(PARAGRAPHS, start, end);
    expect(first).toBeGreaterThan(last);
  });

  it('finds nothing before the first paragraph or in an empty list', () => {
    const later = [{ start: 5, end: 10 }];
    const [first, last] = paragraphsTouching(later, 0, 5);
    expect(first).toBeGreaterThan(last);
    expect(paragraphsTouching([], 0, 10)).toEqual([0, -1]);
  });

  it('counts a zero-length span strictly inside a paragraph as touching it, but not one on a paragraph edge', () => {
    expect(paragraphsTouching(PARAGRAPHS, 5, 5)).toEqual([0, 0]);
    for (const at of [0, 10, 12, 30]) {
      const [first, last] = paragraphsTouching(PARAGRAPHS, at, at);
      expect(first, `at ${at}`).toBeGreaterThan(last);
    }
  });

  it('agrees with a linear scan for every span over the paragraphs', () => {
    for (let start = 0; start <= 42; start++)
      for (let end = start; end <= 42; end++) {
        const [first, last] = paragraphsTouching(PARAGRAPHS, start, end);
        const indices = first <= last ? Array.from({ length: last - first + 1 }, (_, k) => first + k) : [];
        expect(indices, `[${start}, ${end})`).toEqual(bruteTouching(PARAGRAPHS, span('x', start, end)));
      }
  });
});

describe('buildParagraphIndex', () => {
  it('lists each span under every paragraph it overlaps, and spans in gaps under none', () => {
    const spans = [span('a', 2, 5), span('gap', 10, 12), span('cross', 8, 14), span('c', 12, 20), span('wide', 0, 40), span('after', 40, 41)];
    expect(ids(buildParagraphIndex(PARAGRAPHS, spans))).toEqual([['a', 'cross', 'wide'], ['cross', 'c', 'wide'], ['wide'], ['wide']]);
  });

  it('keeps the very span objects, in their input order, and takes any iterable', () => {
    const a = span('a', 1, 2);
    const b = span('b', 0, 9);
    const index = buildParagraphIndex(
      PARAGRAPHS,
      new Map([
        [a.id, a],
        [b.id, b],
      ]).values(),
    );
    expect(index[0]![0]).toBe(a);
    expect(index[0]![1]).toBe(b);
  });

  it('gives every paragraph its own array, empty when nothing touches it', () => {
    const index = buildParagraphIndex(PARAGRAPHS, []);
    expect(index).toEqual([[], [], [], []]);
    expect(new Set(index).size).toBe(4);
  });
});

describe('updateParagraphIndex', () => {
  const SPANS = [span('a', 2, 5), span('b', 13, 15), span('cross', 8, 14), span('c', 24, 26), span('d', 32, 35)];
  const fresh = () => buildParagraphIndex(PARAGRAPHS, SPANS);

  it('adds a span to its paragraph and keeps every other paragraph array identical', () => {
    const index = fresh();
    const next = updateParagraphIndex(index, PARAGRAPHS, undefined, span('new', 25, 27));
    expect(ids(next)[2]).toEqual(['c', 'new']);
    expect(next[2]).not.toBe(index[2]);
    for (const i of [0, 1, 3]) expect(next[i], `paragraph ${i}`).toBe(index[i]);
    expect(next).not.toBe(index);
  });

  it('adds a span crossing paragraphs to each of them', () => {
    const index = fresh();
    const next = updateParagraphIndex(index, PARAGRAPHS, undefined, span('new', 18, 33));
    expect(ids(next)).toEqual([
      ['a', 'cross'],
      ['b', 'cross', 'new'],
      ['c', 'new'],
      ['d', 'new'],
    ]);
    expect(next[0]).toBe(index[0]);
  });

  it('moves a span within its paragraph, touching only that paragraph', () => {
    const index = fresh();
    const moved = span('c', 27, 29);
    const next = updateParagraphIndex(index, PARAGRAPHS, SPANS[3], moved);
    expect(next[2]).toEqual([moved]);
    expect(next[2]).not.toBe(index[2]);
    for (const i of [0, 1, 3]) expect(next[i], `paragraph ${i}`).toBe(index[i]);
  });

  it('moves a span to another paragraph, taking it out of the old one', () => {
    const index = fresh();
    const next = updateParagraphIndex(index, PARAGRAPHS, SPANS[0], span('a', 33, 36));
    expect(ids(next)).toEqual([['cross'], ['b', 'cross'], ['c'], ['d', 'a']]);
    expect(next[1]).toBe(index[1]);
    expect(next[2]).toBe(index[2]);
    expect(next[0]).not.toBe(index[0]);
    expect(next[3]).not.toBe(index[3]);
  });

  it('shrinks a crossing span into one paragraph, dropping it from the other', () => {
    const index = fresh();
    const next = updateParagraphIndex(index, PARAGRAPHS, SPANS[2], span('cross', 8, 9));
    expect(ids(next).slice(0, 2)).toEqual([['a', 'cross'], ['b']]);
    expect(next[2]).toBe(index[2]);
    expect(next[3]).toBe(index[3]);
  });

  it('removes a span from every paragraph it touched', () => {
    const index = fresh();
    const next = updateParagraphIndex(index, PARAGRAPHS, SPANS[2], undefined);
    expect(ids(next)).toEqual([['a'], ['b'], ['c'], ['d']]);
    expect(next[2]).toBe(index[2]);
    expect(next[3]).toBe(index[3]);
  });

  it('leaves every paragraph array as it was for a span in a gap, and for no change at all', () => {
    const index = fresh();
    const added = updateParagraphIndex(index, PARAGRAPHS, undefined, span('gap', 20, 22));
    added.forEach((list, i) => expect(list, `paragraph ${i}`).toBe(index[i]));
    const nothing = updateParagraphIndex(index, PARAGRAPHS, undefined, undefined);
    nothing.forEach((list, i) => expect(list, `paragraph ${i}`).toBe(index[i]));
    expect(nothing).not.toBe(index);
  });

  it('never mutates the index it was given', () => {
    const index = fresh();
    const snapshot = ids(index);
    const lists = [...index];
    updateParagraphIndex(index, PARAGRAPHS, SPANS[2], span('cross', 25, 35));
    updateParagraphIndex(index, PARAGRAPHS, undefined, span('new', 0, 40));
    updateParagraphIndex(index, PARAGRAPHS, SPANS[0], undefined);
    expect(ids(index)).toEqual(snapshot);
    index.forEach((list, i) => expect(list).toBe(lists[i]));
  });

  it('does not duplicate a span that is added again (a repeated live message)', () => {
    const index = fresh();
    const next = updateParagraphIndex(index, PARAGRAPHS, undefined, span('b', 13, 16));
    expect(ids(next)[1]).toEqual(['cross', 'b']);
  });
});

describe('updateParagraphIndex over random edits', () => {
  it('always matches an index built from scratch, and replaces only the touched paragraphs', () => {
    const random = prng(42);
    const int = (n: number) => Math.floor(random() * n);
    const failures: string[] = [];
    for (let run = 0; run < 50; run++) {
      const spans = new Map<string, Span>();
      let index = buildParagraphIndex<Span>(PARAGRAPHS, []);
      for (let step = 0; step < 60; step++) {
        const existing = [...spans.values()];
        const roll = random();
        const before = roll < 0.3 || existing.length === 0 ? undefined : existing[int(existing.length)];
        let after: Span | undefined;
        if (!before || roll < 0.8) {
          const start = int(42);
          after = span(before?.id ?? `s${run}-${step}`, start, Math.min(42, start + 1 + int(random() < 0.2 ? 40 : 8)));
        }
        const next = updateParagraphIndex(index, PARAGRAPHS, before, after);
        if (after) spans.set(after.id, after);
        else spans.delete(before!.id);

        const what = `run ${run} step ${step}: ${JSON.stringify({ before, after })}`;
        const expected = buildParagraphIndex(PARAGRAPHS, spans.values());
        const sorted = (list: Span[][]) => JSON.stringify(list.map((l) => l.map((s) => `${s.id}@${s.start}-${s.end}`).sort()));
        if (sorted(next) !== sorted(expected)) failures.push(`${what}: ${sorted(next)} != ${sorted(expected)}`);
        const touched = new Set([...(before ? bruteTouching(PARAGRAPHS, before) : []), ...(after ? bruteTouching(PARAGRAPHS, after) : [])]);
        next.forEach((list, i) => {
          if (!touched.has(i) && list !== index[i]) failures.push(`${what}: untouched paragraph ${i} got a new array`);
          if (touched.has(i) && list === index[i]) failures.push(`${what}: touched paragraph ${i} kept its array`);
        });
        index = next;
      }
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });
});
