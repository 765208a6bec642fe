import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toCodePointOffset } from '@/lib/annotations/offsets.ts';
import { bratAnn, bratAttributeName, bratAttributeValue, bratConf, bratFragments } from './brat.ts';
import { codePointConverter } from './code-points.ts';
import { csvHeader, csvRows, flattenAttributes } from './csv.ts';
import { EMPTY_ITEM, ITEM, TEXT } from './fixture.test-data.ts';
import { jsonlLine } from './jsonl.ts';
import type { ExportItem } from './model.ts';
import { w3cAnnotationsFor, w3cCollection, W3cCollectionWriter } from './w3c.ts';

/**
 * Golden files: each writer's output for the fixture must equal lib/export/golden/* byte for
 * byte. After a deliberate format change, regenerate with UPDATE_GOLDEN=1 and read the diff.
 */
const GOLDEN = path.join(import.meta.dirname, 'golden');
function golden(name: string, actual: string) {
  const file = path.join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

const ITEMS = [ITEM, EMPTY_ITEM];
const COLLECTION = { id: 'https://newsmark.example/export/w3c', label: 'Newsmark export', baseUrl: 'https://newsmark.example', pageSize: 4 };
const shuffled = (item: ExportItem): ExportItem => ({ ...item, annotations: [...item.annotations].reverse(), relations: [...item.relations].reverse() });

describe('golden files', () => {
  it('JSONL', () => golden('export.jsonl', ITEMS.map(jsonlLine).join('')));
  it('CSV with a BOM', () => golden('export.csv', csvHeader({ bom: true }) + ITEMS.map(csvRows).join('')));
  it('W3C collection', () => golden('export.w3c.jsonld', `${JSON.stringify(w3cCollection(ITEMS, COLLECTION), null, 2)}\n`));
  it('brat .ann and annotation.conf', () => {
    golden('art1.ann', bratAnn(ITEM));
    golden('annotation.conf', bratConf(ITEMS));
  });
});

describe('determinism', () => {
  it('gives the same bytes whatever order annotations, relations and attribute keys arrive in', () => {
    const other = shuffled({
      ...ITEM,
      annotations: ITEM.annotations.map((a) => ({ ...a, attributes: Object.fromEntries(Object.entries(a.attributes).reverse()) })),
    });
    expect(jsonlLine(other)).toBe(jsonlLine(ITEM));
    expect(csvRows(other)).toBe(csvRows(ITEM));
    expect(bratAnn(other)).toBe(bratAnn(ITEM));
    expect(bratConf([other])).toBe(bratConf([ITEM]));
    expect(JSON.stringify(w3cAnnotationsFor(other))).toBe(JSON.stringify(w3cAnnotationsFor(ITEM)));
  });
});

describe('offsets: code points for W3C and brat, UTF-16 units for JSONL and CSV', () => {
  const a3 = ITEM.annotations.find((a) => a.id === 'a3')!; // 佐藤 Hana, after 🌊
  const a4 = ITEM.annotations.find((a) => a.id === 'a4')!; // after 🌊 and 👩‍👩‍👧 (1 + 3 fewer code points)

  it('keeps UTF-16 offsets in JSONL', () => {
    const line = JSON.parse(jsonlLine(ITEM)) as { annotations: { id: string; start: number; end: number; exact: string }[] };
    const json = line.annotations.find((a) => a.id === 'a3')!;
    expect([json.start, json.end]).toEqual([20, 27]);
    expect(TEXT.slice(json.start, json.end)).toBe('佐藤 Hana');
  });

  it('counts code points in the TextPositionSelector: one fewer after 🌊, four fewer after 👩‍👩‍👧 too', () => {
    const position = (id: string) => {
      const annotation = w3cAnnotationsFor(ITEM).find((a) => a.id === `urn:newsmark:annotation:${id}`) as {
        target: { selector: { type: string; start: number; end: number }[] };
      };
      return annotation.target.selector.find((s) => s.type === 'TextPositionSelector')!;
    };
    expect(position('a3')).toMatchObject({ start: a3.start - 1, end: a3.end - 1 });
    expect(position('a4')).toMatchObject({ start: a4.start - 4, end: a4.end - 4 });
    expect([...TEXT].slice(position('a4').start, position('a4').end).join('')).toBe('Kaminose Radio');
  });

  it('counts code points in brat, as Python slices the .txt', () => {
    const ann = bratAnn(ITEM);
    expect(ann).toContain(`\tSource ${a3.start - 1} ${a3.end - 1}\t佐藤 Hana\n`);
    expect(ann).toContain(`\tSource ${a4.start - 4} ${a4.end - 4}\tKaminose Radio\n`);
    const points = [...TEXT];
    for (const line of ann.split('\n').filter((l) => l.startsWith('T'))) {
      const [, spec, quote] = line.split('\t');
      const fragments = spec!
        .split(' ')
        .slice(1)
        .join(' ')
        .split(';')
        .map((f) => f.split(' ').map(Number));
      expect(fragments.map(([s, e]) => points.slice(s, e).join('')).join(' ')).toBe(quote);
      for (const [s, e] of fragments) expect(points.slice(s, e).join('')).toMatch(/^\S(.*\S)?$/su);
    }
  });

  it('splits a span over two paragraphs into trimmed fragments', () => {
    const a2 = ITEM.annotations.find((a) => a.id === 'a2')!;
    const fragments = bratFragments(TEXT, a2.start, a2.end);
    expect(fragments.map(([s, e]) => TEXT.slice(s, e))).toEqual(['sea wall "will hold".', 'The family 👩‍👩‍👧 left at dawn']);
    expect(bratFragments(' a \n\n  b\t', 0, 9).map(([s, e]) => ' a \n\n  b\t'.slice(s, e))).toEqual(['a', 'b']);
  });

  it('converts offsets like offsets.ts, in any order', () => {
    const convert = codePointConverter(TEXT);
    const offsets = [...Array(TEXT.length + 1).keys()].filter((i) => !/[\uDC00-\uDFFF]/.test(TEXT[i] ?? ''));
    for (const o of [...offsets, ...offsets.reverse(), 40, 3, 70, 19]) expect(convert(o)).toBe(toCodePointOffset(TEXT, o));
  });
});

/** How brat cuts an .ann into lines: Python's str.splitlines(), which breaks at each of these. */
const PYTHON_LINE_BREAKS = ['\n', '\r', '\r\n', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029'];
const pythonSplitLines = (text: string) => text.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/u).filter((line, i, all) => i < all.length - 1 || line !== '');
const withNote = (note: string): ExportItem => ({ ...ITEM, annotations: ITEM.annotations.map((a) => (a.id === 'a1' ? { ...a, note } : a)) });
const noteLine = (ann: string) => ann.split('\n').find((line) => line.startsWith('#'))!;

describe('brat notes on one line, as brat reads lines', () => {
  const codePoints = (s: string) => [...s].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
  it.each(PYTHON_LINE_BREAKS.map((b) => [codePoints(b), b]))('writes %s in a note as a space', (_name, lineBreak) => {
    const ann = bratAnn(withNote(`before${lineBreak}after`));
    expect(noteLine(ann)).toMatch(/^#1\tAnnotatorNotes T\d+\tbefore after$/u);
    expect(pythonSplitLines(ann)).toEqual(ann.split('\n').slice(0, -1));
  });

  it('writes every run of them, tabs and control characters as one space, so no line breaks anywhere', () => {
    const ann = bratAnn(withNote(`a${PYTHON_LINE_BREAKS.join('')}\tb\u0080c\u009f\u0007d`));
    expect(noteLine(ann)).toMatch(/\tAnnotatorNotes T\d+\ta b c d$/u);
    expect(pythonSplitLines(ann)).toEqual(ann.split('\n').slice(0, -1));
    for (const line of pythonSplitLines(ann)) expect(line).toMatch(/^[TAR#]\d+\t/u);
  });
});

describe('CSV', () => {
  it('quotes per RFC 4180, ends lines with CRLF and defuses formulas', () => {
    const rows = csvRows(ITEM);
    expect(rows.endsWith('\r\n')).toBe(true);
    expect(rows.split('\r\n')).toHaveLength(ITEM.annotations.length + 1);
    expect(rows).toContain(`"'=HYPERLINK(""http://evil.example"")"`);
    expect(rows).toContain('"Not a source here,\nsee guidelines"');
    expect(csvHeader().startsWith('article_id,')).toBe(true);
    expect(csvHeader({ bom: true }).startsWith('\uFEFFarticle_id,')).toBe(true);
  });
});

describe('W3C streaming', () => {
  it('writes page by page the same document that w3cCollection builds', () => {
    const perItem = ITEMS.map((item) => w3cAnnotationsFor(item, COLLECTION));
    const writer = new W3cCollectionWriter({ ...COLLECTION, total: perItem.flat().length });
    const text = writer.start() + perItem.map((a) => writer.write(a)).join('') + writer.end();
    expect(JSON.parse(text)).toEqual(w3cCollection(ITEMS, COLLECTION));
  });

  it('writes each page as soon as it is full: the collection and its first page before the later annotations arrive', () => {
    const annotations = ITEMS.flatMap((item) => w3cAnnotationsFor(item, COLLECTION));
    const writer = new W3cCollectionWriter({ ...COLLECTION, total: annotations.length });
    const head = writer.start() + writer.write(annotations.slice(0, COLLECTION.pageSize));
    expect(head).toMatch(
      /^\{"@context":"http:\/\/www\.w3\.org\/ns\/anno\.jsonld","id":"[^"]+","type":"AnnotationCollection","label":"Newsmark export","total":9,"first":\{"id":"[^"]+\?page=0","type":"AnnotationPage".*,"last":"[^"]+\?page=2"$/su,
    );
    expect(writer.write(annotations.slice(COLLECTION.pageSize, 2 * COLLECTION.pageSize))).toMatch(/^,"@included":\[\{"@context":"[^"]+","id":"[^"]+\?page=1"/u);
    expect(writer.write(annotations.slice(2 * COLLECTION.pageSize))).toBe('');
    expect(writer.end()).toMatch(/^,\{"@context":"[^"]+","id":"[^"]+\?page=2".*\]\}$/su);
  });

  it('refuses a total that does not match', () => {
    const writer = new W3cCollectionWriter({ ...COLLECTION, total: 1 });
    writer.start();
    expect(() => writer.write(w3cAnnotationsFor(ITEM))).toThrow(/announced 1/);
  });

  it('writes an empty collection without pages', () => {
    expect(w3cCollection([], COLLECTION)).toEqual({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: COLLECTION.id,
      type: 'AnnotationCollection',
      label: 'Newsmark export',
      total: 0,
    });
  });
});

describe('attribute flattening', () => {
  it('names and values brat attributes without spaces', () => {
    expect(['type', 'canonicalName', 'claim_type', 'x-y z'].map(bratAttributeName)).toEqual(['Type', 'CanonicalName', 'ClaimType', 'XYZ']);
    expect(['named_person', 'Satō Hana', '  spaced  out ', '佐藤 花', 'a|b,c', '2024-05-31T14:30:00Z'].map(bratAttributeValue)).toEqual([
      'named_person',
      'Satō_Hana',
      'spaced_out',
      '佐藤_花',
      'a_b_c',
      '2024-05-31T14_30_00Z',
    ]);
  });

  it('leaves false, null, empty and object attributes out of brat', () => {
    const item: ExportItem = {
      ...ITEM,
      annotations: [{ ...ITEM.annotations[0]!, attributes: { checkworthy: false, place: '  ', other: null, nested: { a: 1 }, participants: [] } }],
      relations: [],
    };
    expect(
      bratAnn(item)
        .split('\n')
        .filter((l) => l.startsWith('A')),
    ).toEqual([]);
    expect(bratConf([item])).toMatch(/\[attributes\]\n$/);
  });

  it('flattens CSV attributes with sorted keys, JSON for non-strings, undefined skipped', () => {
    expect(flattenAttributes({ z: 'x; y', a: { d: 1, c: [true] }, m: undefined, n: 2 })).toBe('a={"c":[true],"d":1}; n=2; z=x; y');
  });
});
