import { describe, expect, it } from 'vitest';
import { prng } from '@/lib/random/seeded.ts';
import { nextWordBoundary, snapSelection } from './snap.ts';

/** The snapped text (or null), which reads better in a failure than a pair of offsets. */
const snapped = (text: string, start: number, end: number, options?: { words?: boolean }) => {
  const range = snapSelection(text, { start, end }, options);
  return range && text.slice(range.start, range.end);
};

/** [start, end) of the first occurrence of `needle` (after `from`), for selecting by content. */
const find = (text: string, needle: string, from = 0): [number, number] => {
  const at = text.indexOf(needle, from);
  if (at < 0) throw new Error(`"${needle}" not in the text`);
  return [at, at + needle.length];
};

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const words = new Intl.Segmenter('und', { granularity: 'word' });
const graphemeBoundaries = (text: string) => new Set([...[...graphemes.segment(text)].map((s) => s.index), text.length]);

// 👩‍👩‍👧 is a ZWJ sequence (three emoji joined, 8 UTF-16 units), 🇯🇵 two regional indicators
// (4 units), 👍🏽 an emoji and its skin tone (4 units), 𠮷 a CJK ideograph outside the BMP (2 units).
const FAMILY = '👩‍👩‍👧';
const FLAG = '🇯🇵';
const THUMB = '👍🏽';

describe('snapSelection, by words', () => {
  const TEXT = 'Reporters in Kaminose said: “the flood didn’t reach the well-known e-mail servers.”';

  it('widens a selection inside a word to the whole word', () => {
    const [start] = find(TEXT, 'aminos');
    expect(snapped(TEXT, start, start + 6)).toBe('Kaminose');
    expect(snapped(TEXT, start, start + 1)).toBe('Kaminose');
    expect(snapSelection(TEXT, { start, end: start + 1 })).toEqual({ start: start - 1, end: start + 7 });
  });

  it('widens both ends of a selection over several words', () => {
    const start = TEXT.indexOf('orters');
    const end = TEXT.indexOf('aminose') + 2;
    expect(snapped(TEXT, start, end)).toBe('Reporters in Kaminose');
  });

  it('keeps an exact word selection as it is', () => {
    expect(snapped(TEXT, ...find(TEXT, 'flood'))).toBe('flood');
  });

  it('keeps punctuation that was selected but never widens into punctuation that was not', () => {
    expect(snapped(TEXT, ...find(TEXT, 'said'))).toBe('said');
    const [, end] = find(TEXT, 'said:');
    expect(snapped(TEXT, end - 2, end)).toBe('said:');
    // A selection starting on the opening quote keeps it: punctuation is a segment of its own.
    const quote = TEXT.indexOf('“');
    expect(snapped(TEXT, quote, quote + 3)).toBe('“the');
    expect(snapped(TEXT, quote - 2, quote + 1)).toBe(': “');
  });

  it('keeps words with apostrophes whole, typographic or straight', () => {
    const [start] = find(TEXT, 'didn’t');
    expect(snapped(TEXT, start + 1, start + 2)).toBe('didn’t');
    expect(snapped(TEXT, start + 4, start + 5)).toBe('didn’t'); // the apostrophe itself
    expect(snapped(TEXT, start + 5, start + 6)).toBe('didn’t');
    const plain = "It's what they don't say.";
    expect(snapped(plain, 1, 2)).toBe("It's");
    expect(snapped(plain, plain.indexOf("'t") + 1, plain.indexOf("'t") + 2)).toBe("don't");
  });

  it('treats a hyphen as a break: Intl.Segmenter cuts "well-known" into "well", "-", "known"', () => {
    const [start, end] = find(TEXT, 'well-known');
    expect(snapped(TEXT, start + 1, start + 2)).toBe('well');
    expect(snapped(TEXT, end - 2, end - 1)).toBe('known');
    expect(snapped(TEXT, start + 4, start + 5)).toBe('-');
    // Selecting across the hyphen takes both halves.
    expect(snapped(TEXT, start + 2, end - 3)).toBe('well-known');
    const [mail] = find(TEXT, 'e-mail');
    expect(snapped(TEXT, mail + 3, mail + 4)).toBe('mail');
  });

  it('keeps numbers with a decimal point and dotted abbreviations whole (without the final dot)', () => {
    const text = 'Rain rose 3.14 m in the U.S.A. today';
    expect(snapped(text, text.indexOf('.14'), text.indexOf('.14') + 1)).toBe('3.14');
    expect(snapped(text, text.indexOf('S.A'), text.indexOf('S.A') + 1)).toBe('U.S.A');
  });

  it('trims white space, including new lines, tabs, no-break and ideographic spaces', () => {
    const text = 'one \n\t two\u00a0three\u3000四';
    expect(snapped(text, 3, 9)).toBe('two');
    expect(snapSelection(text, { start: 3, end: 9 })).toEqual({ start: 7, end: 10 });
    expect(snapped(text, text.indexOf('\u00a0'), text.indexOf('\u00a0') + 3)).toBe('three');
    expect(snapped(text, text.indexOf('\u3000'), text.length)).toBe('四');
  });

  it('returns null for a selection of white space only, an empty one or a reversed one', () => {
    expect(snapSelection('a  \n\t b', { start: 1, end: 6 })).toBeNull();
    expect(snapSelection('a \u00a0\u3000 b', { start: 1, end: 5 })).toBeNull();
    expect(snapSelection('abc', { start: 1, end: 1 })).toBeNull();
    expect(snapSelection('abc', { start: 2, end: 1 })).toBeNull();
    expect(snapSelection('', { start: 0, end: 0 })).toBeNull();
    expect(snapSelection('   ', { start: 0, end: 3 }, { words: false })).toBeNull();
  });

  it('clamps a selection reaching outside the text', () => {
    expect(snapSelection('word up', { start: -5, end: 2 })).toEqual({ start: 0, end: 4 });
    expect(snapSelection('word up', { start: 6, end: 99 })).toEqual({ start: 5, end: 7 });
    expect(snapSelection('word up', { start: 50, end: 99 })).toBeNull();
  });

  it('never splits an emoji, a ZWJ sequence, a flag or a skin tone, from any offset inside it', () => {
    const text = `Mum ${FAMILY} and ${FLAG} flag, ${THUMB} ok 🌊`;
    for (const emoji of [FAMILY, FLAG, THUMB, '🌊']) {
      const [start, end] = find(text, emoji);
      for (let a = start; a < end; a++)
        for (let b = a + 1; b <= end; b++) {
          expect(snapSelection(text, { start: a, end: b }), `${emoji} [${a - start}, ${b - start})`).toEqual({ start, end });
          expect(snapSelection(text, { start: a, end: b }, { words: false }), `${emoji} [${a - start}, ${b - start}) by characters`).toEqual({ start, end });
        }
    }
  });

  it('widens a start inside an emoji even when the selection ends in a word (regression)', () => {
    // Emoji are not word-like, so the word pass leaves such a start alone; it used to come back
    // inside the emoji (half a surrogate pair, or a flag cut between its two regional indicators).
    const text = `Mum ${FAMILY} and ${FLAG} flag`;
    expect(snapped(text, text.indexOf(FAMILY) + 3, text.indexOf('and') + 1)).toBe(`${FAMILY} and`);
    expect(snapped(text, text.indexOf(FLAG) + 1, text.indexOf('flag') + 2)).toBe(`${FLAG} flag`);
    expect(snapped(text, text.indexOf(FLAG) + 2, text.indexOf('flag') + 2)).toBe(`${FLAG} flag`);
  });

  it('never separates a letter from its combining marks', () => {
    // "cafe\u0301" is café with a combining acute accent; "x\u0301\u0302" carries two marks.
    const text = 'the cafe\u0301 owner x\u0301\u0302 said';
    const [start, end] = find(text, 'cafe\u0301');
    expect(snapped(text, end - 2, end - 1)).toBe('cafe\u0301'); // the "e" alone
    expect(snapped(text, end - 1, end)).toBe('cafe\u0301'); // the accent alone
    const [x, xEnd] = find(text, 'x\u0301\u0302');
    expect(snapSelection(text, { start: x, end: x + 1 })).toEqual({ start: x, end: xEnd });
    expect(snapSelection(text, { start: x + 2, end: x + 3 })).toEqual({ start: x, end: xEnd });
    expect(snapSelection(text, { start, end: end - 1 })).toEqual({ start, end });
  });

  it('snaps Japanese to the words Intl.Segmenter finds (dictionary based, not one character each)', () => {
    const text = '東京都に住んでいる佐藤さんは言った。';
    // What ICU's dictionary gives for this sentence, recorded here: a change of ICU may move these.
    const segments = [...words.segment(text)].map((s) => s.segment);
    expect(segments).toEqual(['東京', '都', 'に', '住', 'んで', 'いる', '佐藤', 'さん', 'は', '言', 'っ', 'た', '。']);
    expect(snapped(text, 1, 2)).toBe('東京');
    expect(snapped(text, 9, 10)).toBe('佐藤');
    expect(snapped(text, 2, 10)).toBe('都に住んでいる佐藤');
    // Whatever the dictionary says, every one-character selection widens to a non-empty run that
    // holds it and ends on segment boundaries.
    const boundaries = new Set([...[...words.segment(text)].map((s) => s.index), text.length]);
    for (let i = 0; i < text.length; i++) {
      const range = snapSelection(text, { start: i, end: i + 1 })!;
      expect(range.start).toBeLessThanOrEqual(i);
      expect(range.end).toBeGreaterThan(i);
      expect(boundaries.has(range.start) && boundaries.has(range.end)).toBe(true);
    }
  });

  it('snaps Chinese to dictionary words too', () => {
    const text = '我们今天去北京大学。';
    expect([...words.segment(text)].map((s) => s.segment)).toEqual(['我们', '今天', '去', '北京', '大学', '。']);
    expect(snapped(text, 6, 7)).toBe('北京');
    expect(snapped(text, 1, 6)).toBe('我们今天去北京');
    expect(snapped(text, 9, 10)).toBe('。');
  });

  it('never splits a CJK ideograph outside the BMP (a surrogate pair)', () => {
    const text = '𠮷野家で食べた';
    expect(snapSelection(text, { start: 1, end: 2 })).toEqual({ start: 0, end: 2 }); // the low surrogate alone
    expect(snapSelection(text, { start: 0, end: 1 })).toEqual({ start: 0, end: 2 }); // the high surrogate alone
    expect(snapped(text, 1, 3)).toBe('𠮷野家');
    expect(snapSelection(text, { start: 1, end: 2 }, { words: false })).toEqual({ start: 0, end: 2 });
  });

  it('keeps Korean words, which are separated by spaces', () => {
    expect(snapped('한국어 텍스트 분석', 5, 6)).toBe('텍스트');
  });

  it('cuts a word longer than its 128-unit window at the window edge rather than scanning on', () => {
    const text = 'a'.repeat(300);
    expect(snapSelection(text, { start: 150, end: 151 })).toEqual({ start: 150 - 128, end: 150 + 128 });
    // Even there, a word of letters outside the BMP is never cut inside a surrogate pair.
    const gothic = '𐌰'.repeat(200);
    for (let i = 100; i < 300; i++) {
      const range = snapSelection(gothic, { start: i, end: i + 1 })!;
      expect((range.start % 2) + (range.end % 2), `at ${i}`).toBe(0);
    }
  });
});

describe('snapSelection, by characters (words: false)', () => {
  const TEXT = 'Kaminose cafe\u0301 東京 𠮷 said';

  it('keeps exactly the characters selected', () => {
    const [start] = find(TEXT, 'aminos');
    expect(snapSelection(TEXT, { start, end: start + 6 }, { words: false })).toEqual({ start, end: start + 6 });
    expect(snapped(TEXT, ...find(TEXT, '東'), { words: false })).toBe('東');
    expect(snapped(TEXT, ...find(TEXT, 'caf'), { words: false })).toBe('caf');
  });

  it('still trims white space', () => {
    const [start, end] = find(TEXT, ' cafe');
    expect(snapped(TEXT, start, end + 1, { words: false })).toBe('cafe\u0301');
  });

  it('extends to whole grapheme clusters: a letter with its mark, a surrogate pair', () => {
    const [start, end] = find(TEXT, 'cafe\u0301');
    expect(snapSelection(TEXT, { start: end - 2, end: end - 1 }, { words: false })).toEqual({ start: end - 2, end });
    expect(snapSelection(TEXT, { start: end - 1, end }, { words: false })).toEqual({ start: end - 2, end });
    expect(snapSelection(TEXT, { start, end: end - 1 }, { words: false })).toEqual({ start, end });
    const [kichi] = find(TEXT, '𠮷');
    expect(snapSelection(TEXT, { start: kichi + 1, end: kichi + 2 }, { words: false })).toEqual({ start: kichi, end: kichi + 2 });
  });
});

describe('snapSelection over random selections', () => {
  const TEXT = `Mum ${FAMILY} and ${FLAG}, the cafe\u0301 owner didn’t  know (well-known) x\u0301\u0302y.\n東京都に住んでいる 我们去北京。𠮷野家 ${THUMB} end `;
  const clusterEdges = graphemeBoundaries(TEXT);
  const wordLike = [...words.segment(TEXT)].filter((s) => s.isWordLike).map((s) => [s.index, s.index + s.segment.length] as const);

  it.each([true, false])('keeps whole clusters, holds the trimmed selection and is idempotent (words: %s)', (byWords) => {
    const random = prng(byWords ? 7 : 11);
    const failures: string[] = [];
    for (let n = 0; n < 2000; n++) {
      const a = Math.floor(random() * (TEXT.length + 1));
      const b = Math.floor(random() * (TEXT.length + 1));
      const [start, end] = a <= b ? [a, b] : [b, a];
      const range = snapSelection(TEXT, { start, end }, { words: byWords });
      const what = `[${start}, ${end}) -> ${JSON.stringify(range)}`;
      let [trimmedStart, trimmedEnd] = [start, end];
      while (trimmedStart < trimmedEnd && /\s/u.test(TEXT[trimmedStart]!)) trimmedStart++;
      while (trimmedEnd > trimmedStart && /\s/u.test(TEXT[trimmedEnd - 1]!)) trimmedEnd--;
      if (trimmedStart === trimmedEnd) {
        if (range !== null) failures.push(`${what}: white space only but not null`);
        continue;
      }
      if (!range) {
        failures.push(`${what}: null`);
        continue;
      }
      if (!clusterEdges.has(range.start) || !clusterEdges.has(range.end)) failures.push(`${what}: splits a grapheme cluster`);
      if (range.start > trimmedStart || range.end < trimmedEnd) failures.push(`${what}: lost selected characters`);
      if (/^\s|\s$/u.test(TEXT.slice(range.start, range.end))) failures.push(`${what}: white space at an end`);
      const again = snapSelection(TEXT, range, { words: byWords });
      if (again?.start !== range.start || again.end !== range.end) failures.push(`${what}: snapping again gives ${JSON.stringify(again)}`);
      if (byWords)
        for (const [ws, we] of wordLike)
          if ((range.start > ws && range.start < we) || (range.end > ws && range.end < we)) failures.push(`${what}: splits the word ${TEXT.slice(ws, we)}`);
      if (!byWords && (range.start < trimmedStart - 8 || range.end > trimmedEnd + 8)) failures.push(`${what}: widened by more than a cluster`);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });
});

describe('nextWordBoundary', () => {
  const TEXT = 'Hello, world!  Foo-bar baz.';

  it('moves forward to the end of the next word or punctuation mark, skipping white space', () => {
    const forward = Array.from({ length: TEXT.length + 1 }, (_, i) => nextWordBoundary(TEXT, i, 1));
    expect(forward).toEqual([
      5,
      5,
      5,
      5,
      5, // Hello
      6, // ,
      12,
      12,
      12,
      12,
      12,
      12, // ␣world
      13, // !
      18,
      18,
      18,
      18,
      18, // ␣␣Foo
      19, // -
      22,
      22,
      22, // bar
      26,
      26,
      26,
      26, // ␣baz
      27,
      27, // . and the end
    ]);
  });

  it('moves backward to the start of the previous word or punctuation mark, skipping white space', () => {
    const backward = Array.from({ length: TEXT.length + 1 }, (_, i) => nextWordBoundary(TEXT, i, -1));
    expect(backward).toEqual([
      0,
      0,
      0,
      0,
      0,
      0, // the start and Hello
      5, // after ,
      5, // after ,␣
      7,
      7,
      7,
      7,
      7, // in and after world
      12, // after !
      12,
      12, // in the spaces
      15,
      15,
      15, // in and after Foo
      18, // after -
      19,
      19,
      19, // in and after bar
      19, // after bar␣
      23,
      23,
      23, // in and after baz
      26, // after .
    ]);
  });

  it('stops at the text ends, and on empty or blank text', () => {
    expect(nextWordBoundary(TEXT, TEXT.length, 1)).toBe(TEXT.length);
    expect(nextWordBoundary(TEXT, 0, -1)).toBe(0);
    expect(nextWordBoundary('word   ', 4, 1)).toBe(7);
    expect(nextWordBoundary('   word', 3, -1)).toBe(0);
    expect(nextWordBoundary('', 0, 1)).toBe(0);
    expect(nextWordBoundary('', 0, -1)).toBe(0);
    expect(nextWordBoundary('   ', 1, 1)).toBe(3);
    expect(nextWordBoundary('   ', 2, -1)).toBe(0);
  });

  it('steps over emoji whole and through CJK word by word', () => {
    const text = `Mum ${FAMILY} 東京都に住んでいる`;
    const stops = (direction: 1 | -1) => {
      const out: number[] = [];
      for (let at = direction === 1 ? 0 : text.length; ;) {
        const next = nextWordBoundary(text, at, direction);
        if (next === at) break;
        out.push((at = next));
      }
      return out;
    };
    const family = text.indexOf(FAMILY);
    const tokyo = text.indexOf('東');
    expect(stops(1)).toEqual([3, family + FAMILY.length, tokyo + 2, tokyo + 3, tokyo + 4, tokyo + 5, tokyo + 7, tokyo + 9]);
    expect(stops(-1)).toEqual([tokyo + 7, tokyo + 5, tokyo + 4, tokyo + 3, tokyo + 2, tokyo, family, 0]);
    // From inside the emoji, either way lands on its edges.
    for (let i = family + 1; i < family + FAMILY.length; i++) {
      expect(nextWordBoundary(text, i, 1)).toBe(family + FAMILY.length);
      expect(nextWordBoundary(text, i, -1)).toBe(family);
    }
  });

  it('walks any text from end to end in both directions, always moving and only stopping between clusters', () => {
    const text = `Mum ${FAMILY} and ${FLAG}, cafe\u0301  didn’t (well-known)\n𠮷野家 ${THUMB} 我们去北京。`;
    const edges = graphemeBoundaries(text);
    for (const direction of [1, -1] as const) {
      let at = direction === 1 ? 0 : text.length;
      let steps = 0;
      while (at !== (direction === 1 ? text.length : 0)) {
        const next = nextWordBoundary(text, at, direction);
        expect(direction === 1 ? next > at : next < at, `stuck at ${at}`).toBe(true);
        expect(edges.has(next), `stopped inside a cluster at ${next}`).toBe(true);
        at = next;
        if (++steps > text.length) throw new Error('no progress');
      }
    }
  });
});
