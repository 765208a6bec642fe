import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bratAnn } from '@/lib/export/brat.ts';
import { ITEM, TEXT } from '@/lib/export/fixture.test-data.ts';
import { ZipWriter } from '@/lib/export/zip.ts';
import { readBratDocument } from './brat-read.ts';
import { BRAT_ZIP_LIMITS, INFLATE_CHUNK_BYTES, readBratZip, type BratZip } from './brat-zip.ts';
import type { ReadDocument } from './model.ts';
import { document, error } from './read.test-data.ts';
import { concatBytes } from '@/lib/bytes.ts';

const byId = (id: string) => ITEM.annotations.find((a) => a.id === id)!;

describe('readBratDocument on the golden brat output', () => {
  const read = document(readBratDocument('art1', ITEM.article.text, bratAnn(ITEM)));
  /** The fixture's annotation for each T id, matched by kind and UTF-16 span. */
  const tOf = (id: string) => {
    const original = byId(id);
    return read.annotations.find((a) => a.kind === original.kind && a.start === original.start && a.end === original.end)?.key;
  };

  it('reads the text as the article and warns about nothing', async () => {
    expect(read.name).toBe('art1');
    expect(read.article).toEqual({ text: TEXT });
    expect(read.warnings).toEqual([]);
  });

  it('puts every span on the same UTF-16 start and end as the fixture, kinds included', async () => {
    expect(read.annotations).toHaveLength(ITEM.annotations.length);
    const spans = (list: readonly { kind: string; start: number; end: number }[]) => list.map((a) => `${a.kind}:${a.start}-${a.end}`).sort();
    expect(spans(read.annotations)).toEqual(spans(ITEM.annotations));
    for (const a of read.annotations) expect(a.exact).toBe(TEXT.slice(a.start, a.end));
  });

  it('joins the fragments of the span over two paragraphs back into one span', async () => {
    const a2 = byId('a2');
    const t = read.annotations.find((a) => a.key === tOf('a2'))!;
    expect(t).toMatchObject({ kind: 'event', start: a2.start, end: a2.end, exact: 'sea wall "will hold".\n\nThe family 👩‍👩‍👧 left at dawn' });
  });

  it('turns code points back into UTF-16 offsets after 🌊, 👩‍👩‍👧 and 佐藤', async () => {
    expect(read.annotations.find((a) => a.key === tOf('a3'))).toMatchObject({ start: TEXT.indexOf('佐藤 Hana'), exact: '佐藤 Hana' });
    expect(read.annotations.find((a) => a.key === tOf('a4'))).toMatchObject({ start: TEXT.indexOf('Kaminose Radio'), exact: 'Kaminose Radio' });
    expect(read.annotations.find((a) => a.key === tOf('a5'))).toMatchObject({ start: TEXT.indexOf('left at dawn'), exact: 'left at dawn' });
    expect(read.annotations.find((a) => a.key === tOf('a0'))).toMatchObject({ start: 0, end: 'Tsunami 🌊 warning'.length });
  });

  it('keys annotations by T id and gives them no author, status or decision', async () => {
    expect(read.annotations.map((a) => a.key)).toEqual(['T1', 'T2', 'T3', 'T4', 'T5', 'T6']);
    for (const a of read.annotations) {
      // The defaults stated here, not read from the code, so the test can catch a changed one.
      expect(a).toMatchObject({
        status: 'pending',
        version: 1,
        author: { email: null, name: null },
        createdAt: null,
        updatedAt: null,
        decision: null,
        unattributed: false,
      });
    }
  });

  it('gives the notes back, line breaks as spaces', async () => {
    for (const original of ITEM.annotations) {
      const note = read.annotations.find((a) => a.key === tOf(original.id))!.note;
      expect(note, original.id).toBe(original.note === null ? null : original.note.replace(/[\r\n\t]+/g, ' '));
    }
  });

  it('gives the relations back between T ids', async () => {
    const relations = read.relations.map((r) => `${r.fromKey}>${r.toKey}:${r.type}`).sort();
    expect(relations).toEqual([`${tOf('a1')}>${tOf('a2')}:about`, `${tOf('a1')}>${tOf('a3')}:attributed_to`, `${tOf('a2')}>${tOf('a4')}:reported_by`].sort());
    for (const r of read.relations) expect(r).toMatchObject({ author: { email: null, name: null }, createdAt: null });
  });

  it('gives the attributes back in the forms the kinds accept', async () => {
    const attributes = (id: string) => read.annotations.find((a) => a.key === tOf(id))!.attributes;
    expect(attributes('a1')).toEqual({ checkworthy: true, type: 'factual' });
    expect(attributes('a3')).toEqual({ canonicalName: 'Satō_Hana', type: 'named_person' });
    expect(attributes('a4')).toEqual({ type: 'media_outlet' });
    // The list splits at "+"; its items keep the "_" brat wrote for spaces (the exact values are in JSONL).
    expect(attributes('a2')).toEqual({ date: '2026-01', participants: ['Satō_Hana', 'The_family'], place: 'Kaminose_harbour' });
    expect(attributes('a0')).toEqual({});
  });
});

describe('readBratDocument on notes the writer put on one line', () => {
  it('reads back each note whose line breaks and control characters the writer made spaces', () => {
    const breaks = ['\n', '\r', '\r\n', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029', '\u0080', '\u009f'];
    const item = { ...ITEM, annotations: ITEM.annotations.map((a, i) => ({ ...a, note: `note ${i}${breaks.slice(i * 2, i * 2 + 3).join('')}end` })) };
    const read = document(readBratDocument('art1', item.article.text, bratAnn(item)));
    expect(read.annotations).toHaveLength(item.annotations.length);
    const notes = read.annotations.map((a) => a.note).sort();
    expect(notes).toEqual(item.annotations.map((_, i) => `note ${i} end`).sort());
  });
});

describe('readBratDocument, other input', () => {
  const text = 'Ann said it rained. The radio said so.';
  const t = (n: number, type: string, quote: string) => `T${n}\t${type} ${text.indexOf(quote)} ${text.indexOf(quote) + quote.length}\t${quote}`;
  const ann = (...lines: string[]) => lines.join('\n');

  it('reads CRLF line ends and skips blank lines', async () => {
    const read = document(readBratDocument('d', text, `${t(1, 'Claim', 'it rained')}\r\n\r\n${t(2, 'Source', 'Ann')}\r\nR1\tAttributedTo Arg1:T1 Arg2:T2\r\n`));
    expect(read.annotations.map((a) => [a.key, a.kind, a.exact])).toEqual([
      ['T1', 'claim', 'it rained'],
      ['T2', 'source', 'Ann'],
    ]);
    expect(read.relations).toMatchObject([{ type: 'attributed_to', fromKey: 'T1', toKey: 'T2' }]);
  });

  it('reads entity and relation types in any case', async () => {
    const read = document(readBratDocument('d', text, ann(t(1, 'claim', 'it rained'), t(2, 'SOURCE', 'Ann'), 'R1\tattributedto Arg1:T1 Arg2:T2')));
    expect(read.annotations.map((a) => a.kind)).toEqual(['claim', 'source']);
    expect(read.relations).toHaveLength(1);
  });

  it('fails on a malformed T line', async () => {
    const message = 'A text-bound annotation on line 2 of the .ann is not "T<n>\\t<type> <start> <end>\\t<text>".';
    expect(error(readBratDocument('d', text, ann(t(1, 'Claim', 'it rained'), 'T2\tSource 0\tAnn')))).toBe(message);
    expect(error(readBratDocument('d', text, ann(t(1, 'Claim', 'it rained'), 'T2\tSource a 3\tAnn')))).toBe(message);
    expect(error(readBratDocument('d', text, ann(t(1, 'Claim', 'it rained'), 'T2\tSource 0 3;\tAnn')))).toBe(message);
  });

  it('fails on offsets past the text or backwards', async () => {
    expect(error(readBratDocument('d', text, 'T1\tClaim 5 999\tx'))).toBe(
      `T1 on line 1 of the .ann has offsets outside the text (${text.length} characters) or backwards.`,
    );
    expect(error(readBratDocument('d', text, 'T1\tClaim 5 5\tx'))).toMatch(/^T1 on line 1 of the \.ann has offsets outside the text/);
    expect(error(readBratDocument('d', text, 'T1\tClaim 4 10;8 7;12 18\tx'))).toMatch(/^T1 on line 1 of the \.ann has offsets outside the text/);
    // Code points, not UTF-16 units: 🌊 is one.
    expect(error(readBratDocument('d', 'a🌊b', 'T1\tClaim 0 4\tx'))).toMatch(/outside the text \(4 characters\)/);
    expect(document(readBratDocument('d', 'a🌊b', 'T1\tClaim 0 3\ta🌊b')).annotations[0]).toMatchObject({ start: 0, end: 4, exact: 'a🌊b' });
  });

  it('fails on a T id defined twice', async () => {
    expect(error(readBratDocument('d', text, ann(t(1, 'Claim', 'it rained'), t(1, 'Source', 'Ann'))))).toBe('T1 is defined twice (line 2 of the .ann).');
  });

  it('fails on a malformed A line', async () => {
    expect(error(readBratDocument('d', text, ann(t(1, 'Claim', 'it rained'), 'A1\tCheckworthy')))).toBe(
      'The attribute on line 2 of the .ann is not "A<n>\\t<name> <T id> [<value>]".',
    );
  });

  it('fails on a malformed R line', async () => {
    const message = 'The relation on line 3 of the .ann is not "R<n>\\t<type> Arg1:<T id> Arg2:<T id>".';
    expect(error(readBratDocument('d', text, ann(t(1, 'Claim', 'it rained'), t(2, 'Source', 'Ann'), 'R1\tAttributedTo T1 T2')))).toBe(message);
    expect(error(readBratDocument('d', text, ann(t(1, 'Claim', 'it rained'), t(2, 'Source', 'Ann'), 'R1\tAttributedTo Arg1:T1')))).toBe(message);
  });

  it('fails on a relation between the wrong kinds', async () => {
    expect(error(readBratDocument('d', text, ann(t(1, 'Claim', 'it rained'), t(2, 'Source', 'Ann'), 'R1\tAttributedTo Arg1:T2 Arg2:T1')))).toBe(
      'The AttributedTo relation on line 3 joins a source to a claim; it joins a claim to a source.',
    );
  });

  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('warns about entity types it does not have, and the links to them, without failing', async () => {
    const read = document(
      readBratDocument(
        'd',
        text,
        ann(
          t(1, 'Claim', 'it rained'),
          t(2, 'Person', 'Ann'),
          t(3, 'Person', 'The radio'),
          t(4, 'Location', 'rained'),
          'R1\tAttributedTo Arg1:T1 Arg2:T2',
          'A1\tType T2 human',
          '#1\tAnnotatorNotes T3\thm',
        ),
      ),
    );
    expect(read.annotations.map((a) => a.key)).toEqual(['T1']);
    expect(read.relations).toEqual([]);
    expect(read.warnings).toEqual([
      'Left out annotations of types this tool does not have: Person (2), Location (1).',
      'Left out 3 attributes, notes or relations on annotations that were left out or do not exist.',
    ]);
  });

  // Spelled out like the neighbouring cases: each test reads top to bottom.
  it('warns about E, N, * and unknown lines, and relations of other types, without failing', async () => {
    const read = document(
      readBratDocument(
        'd',
        text,
        ann(
          t(1, 'Claim', 'it rained'),
          'E1\tClaim:T1',
          'E2\tClaim:T1',
          'N1\tReference T1 Wikipedia:1\tRain',
          '*\tEquiv T1 T1',
          'X1\twhat',
          'R1\tCauses Arg1:T1 Arg2:T1',
        ),
      ),
    );
    expect(read.annotations).toHaveLength(1);
    expect(read.warnings).toEqual([
      'Left out events (E lines) (2), normalisations (N lines) (1), equivalences (* lines) (1), lines of unknown kinds (1), relations of type Causes (1).',
    ]);
  });

  it('warns about attribute values the kind refuses and keeps the rest', async () => {
    const read = document(readBratDocument('d', text, ann(t(1, 'Claim', 'it rained'), 'A1\tType T1 rumour', 'A2\tCheckworthy T1', 'A3\tColour T1 red')));
    expect(read.annotations[0]!.attributes).toEqual({ checkworthy: true });
    expect(read.warnings).toEqual(['Left out attribute values the kind does not allow: Type on T1, Colour on T1.']);
  });

  it('keeps a value with "_" as written when the kind accepts it so', async () => {
    const read = document(readBratDocument('d', text, ann(t(1, 'Source', 'The radio'), 'A1\tType T1 media_outlet', 'A2\tCanonicalName T1 Radio_One')));
    expect(read.annotations[0]!.attributes).toEqual({ type: 'media_outlet', canonicalName: 'Radio_One' });
  });

  it('joins several notes on one annotation with line breaks', async () => {
    const read = document(readBratDocument('d', text, ann(t(1, 'Claim', 'it rained'), '#1\tAnnotatorNotes T1\t first ', '#2\tAnnotatorNotes T1\tsecond')));
    expect(read.annotations[0]!.note).toBe('first\nsecond');
  });

  it('reads an empty .ann as an article without annotations', async () => {
    expect(document(readBratDocument('d', text, ''))).toEqual({ name: 'd', article: { text }, annotations: [], relations: [], warnings: [] });
  });
});

describe('readBratZip', () => {
  const text = 'Ann said it rained.';
  const ann = 'T1\tClaim 9 18\tit rained\nT2\tSource 0 3\tAnn\nR1\tAttributedTo Arg1:T1 Arg2:T2\n';

  function storeZip(files: Record<string, string | Uint8Array>): Uint8Array {
    const writer = new ZipWriter();
    const parts = Object.entries(files).map(([name, content]) => writer.file(name, content));
    parts.push(writer.end());
    return concatBytes(parts);
  }
  const deflateZip = (files: Record<string, string | Uint8Array>) =>
    zipSync(Object.fromEntries(Object.entries(files).map(([name, content]) => [name, typeof content === 'string' ? strToU8(content) : content])), { level: 6 });

  function documents(zip: BratZip): ReadDocument[] {
    if (!zip.ok) throw new Error(`expected documents, got: ${zip.error}`);
    return zip.documents;
  }

  const corpus = {
    'corpus/b/doc2.txt': TEXT,
    'corpus/b/doc2.ann': bratAnn(ITEM),
    'corpus/a/doc1.ann': ann,
    'corpus/a/doc1.txt': text,
    'corpus/plain.txt': 'No annotations here.',
    'corpus/annotation.conf': '[entities]\nClaim\n',
    'corpus/visual.conf': '',
    '__MACOSX/corpus/a/._doc1.txt': 'junk',
    'corpus/.DS_Store': 'junk',
    '.hidden.ann': 'junk',
  };

  for (const [how, zip] of [
    ['deflated by fflate', deflateZip],
    ['stored by ZipWriter', storeZip],
  ] as const) {
    describe(how, () => {
      it('pairs .txt and .ann in folders, sorted by path, a lone .txt an article without annotations, clutter skipped', async () => {
        const read = documents(await readBratZip(zip(corpus)));
        expect(read.map((d) => (d.ok ? d.document.name : `failed ${d.name}`))).toEqual(['corpus/a/doc1', 'corpus/b/doc2', 'corpus/plain']);
        const [doc1, doc2, plain] = read.map(document);
        expect(doc1!.annotations.map((a) => [a.key, a.kind, a.exact])).toEqual([
          ['T1', 'claim', 'it rained'],
          ['T2', 'source', 'Ann'],
        ]);
        expect(doc1!.relations).toHaveLength(1);
        expect(doc2).toEqual(document(readBratDocument('corpus/b/doc2', TEXT, bratAnn(ITEM))));
        expect(plain).toEqual({ name: 'corpus/plain', article: { text: 'No annotations here.' }, annotations: [], relations: [], warnings: [] });
      });

      it('fails an .ann without its .txt and any other file as items, not the zip', async () => {
        const read = documents(await readBratZip(zip({ 'a.txt': text, 'a.ann': ann, 'orphan.ann': ann, 'notes/readme.md': '# hi', 'data.json': '{}' })));
        expect(read.filter((d) => !d.ok)).toEqual([
          { ok: false, name: 'notes/readme.md', error: 'Not part of a brat corpus: a brat zip holds .txt and .ann files (and annotation.conf).' },
          { ok: false, name: 'data.json', error: 'Not part of a brat corpus: a brat zip holds .txt and .ann files (and annotation.conf).' },
          { ok: false, name: 'orphan.ann', error: 'There is no orphan.txt for this .ann.' },
        ]);
        expect(read.filter((d) => d.ok)).toHaveLength(1);
      });

      it('fails a document whose .txt or .ann is not valid UTF-8', async () => {
        const read = documents(
          await readBratZip(
            zip({ 'bad.txt': new Uint8Array([0x41, 0xc3, 0x28]), 'good.txt': text, 'worse.txt': text, 'worse.ann': new Uint8Array([0xff, 0xfe]) }),
          ),
        );
        expect(read).toEqual([
          { ok: false, name: 'bad', error: 'The .txt or .ann is not valid UTF-8.' },
          expect.objectContaining({ ok: true }),
          { ok: false, name: 'worse', error: 'The .txt or .ann is not valid UTF-8.' },
        ]);
      });

      it('refuses the whole zip past its entry limit', async () => {
        const limits = { ...BRAT_ZIP_LIMITS, maxEntries: 1 };
        expect(await readBratZip(zip({ 'a.txt': text, 'a.ann': ann }), undefined, limits)).toEqual({ ok: false, error: 'The zip holds more than 1 files.' });
        // Skipped files do not count.
        expect(documents(await readBratZip(zip({ 'a.txt': text, 'annotation.conf': '', '.DS_Store': '' }), undefined, limits))).toHaveLength(1);
      });

      it('refuses the whole zip past its size limits', async () => {
        const big = await readBratZip(zip({ 'a.txt': text, 'a.ann': ann }), undefined, { ...BRAT_ZIP_LIMITS, maxEntryBytes: 10 });
        expect(big.ok).toBe(false);
        if (!big.ok) expect(big.error).toMatch(/^a\.txt is larger than/);
        const total = await readBratZip(zip({ 'a.txt': text, 'a.ann': ann }), undefined, { ...BRAT_ZIP_LIMITS, maxTotalBytes: text.length + 5 });
        expect(total.ok).toBe(false);
        if (!total.ok) expect(total.error).toMatch(/^The zip holds more than .* MB once unpacked\.$/);
      });
    });
  }

  it('has limits nothing can change: tests pass their own', async () => {
    expect(BRAT_ZIP_LIMITS).toEqual({ maxEntries: 20_000, maxEntryBytes: 10 * 1024 * 1024, maxTotalBytes: 500 * 1024 * 1024 });
    expect(() => Object.assign(BRAT_ZIP_LIMITS, { maxEntries: 1 })).toThrow(TypeError);
  });

  it('refuses bytes that are not a zip', async () => {
    const read = await readBratZip(strToU8('T1\tClaim 0 3\tAnn\n'));
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(/^The file is not a zip archive that can be read: /);
    expect((await readBratZip(new Uint8Array())).ok).toBe(false);
  });

  it('reads an empty zip as no documents', async () => {
    expect(await readBratZip(zipSync({}))).toEqual({ ok: true, documents: [] });
  });
});

describe('readBratZip against hostile archives', () => {
  /** A store-only zip whose central directory is then edited: `patch(view, offsetOfEntry, index)`. */
  function patched(files: Record<string, string>, patch: (view: DataView, entry: number, index: number) => void): Uint8Array {
    const writer = new ZipWriter();
    const bytes = concatBytes([...Object.entries(files).map(([name, content]) => writer.file(name, strToU8(content))), writer.end()]);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let index = 0;
    for (let at = 0; at + 4 <= bytes.length; at++) if (view.getUint32(at, true) === 0x02014b50) patch(view, at, index++);
    return bytes;
  }

  it('refuses a stored entry whose declared size is not its own (the per-file limit cannot be dodged)', async () => {
    const zip = patched({ 'a.txt': 'The dam holds.', 'a.ann': '' }, (view, entry, index) => {
      if (index === 0) view.setUint32(entry + 24, 1, true);
    });
    expect(await readBratZip(zip)).toEqual({ ok: false, error: 'a.txt declares a size that is not its own.' });
  });

  it('refuses entries that share their data (more unpacked than the zip could hold)', async () => {
    // b, c and d are re-pointed at a's data and sizes: four copies of 2,000 bytes from a zip of about 2,300.
    const zip = patched({ 'a.txt': 'x'.repeat(2_000), 'b.txt': 'y', 'c.txt': 'y', 'd.txt': 'y' }, (view, entry, index) => {
      if (index === 0) return;
      view.setUint32(entry + 20, 2_000, true);
      view.setUint32(entry + 24, 2_000, true);
      view.setUint32(entry + 42, 0, true);
    });
    expect(zip.length).toBeLessThan(4_000);
    expect(await readBratZip(zip)).toEqual({ ok: false, error: 'The zip is malformed: its files overlap.' });
  });

  it('stops inflating an entry that lies about its size at the declared size, and refuses the zip', async () => {
    // 40 entries declaring 1 KB each and inflating to 256 KB: the declared size is patched into the
    // local header and the directory, as a hostile zip would have it.
    const files = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`d${i}.txt`, new Uint8Array(256 * 1024).fill(0x61)]));
    const zip = zipSync(files, { level: 1 });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let at = 0; at + 4 <= zip.length; at++) {
      if (view.getUint32(at, true) === 0x04034b50) view.setUint32(at + 22, 1024, true);
      if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 1024, true);
    }
    const count = { inflatedBytes: 0 };
    expect(await readBratZip(zip, count)).toEqual({ ok: false, error: 'd0.txt declares a size that is not its own.' });
    // The first entry was stopped within one chunk of its declared size; the others never started.
    expect(count.inflatedBytes).toBeGreaterThan(1024);
    expect(count.inflatedBytes).toBeLessThanOrEqual(1024 + INFLATE_CHUNK_BYTES);
  });

  it('refuses an entry that inflates to less than it declares, and damaged deflate data', async () => {
    const zip = zipSync({ 'a.txt': strToU8('The dam holds.'.repeat(100)) }, { level: 9 });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let at = 0; at + 4 <= zip.length; at++) if (view.getUint32(at, true) === 0x02014b50) view.setUint32(at + 24, 5_000, true);
    expect(await readBratZip(zip)).toEqual({ ok: false, error: 'a.txt declares a size that is not its own.' });
    const damaged = zipSync({ 'a.txt': strToU8('The dam holds.'.repeat(100)) }, { level: 9 });
    damaged.fill(0xff, 40, 50);
    expect(await readBratZip(damaged)).toEqual({ ok: false, error: 'The file is not a zip archive that can be read: the data of a.txt is damaged.' });
  });

  it('refuses names with control characters before anything reaches the database', async () => {
    const read = await readBratZip(zipSync({ 'a\u0000b.txt': strToU8('Text.'), 'a\u0000b.ann': strToU8('') }));
    expect(read).toEqual({ ok: false, error: 'A file in the zip has a name with control characters or longer than 500 characters.' });
  });
});

describe('readBratDocument: what brat writes beside the offsets', () => {
  it('keeps a byte order mark in the text, as brat counts it', async () => {
    const zip = zipSync({ 'd.txt': new Uint8Array([0xef, 0xbb, 0xbf, ...strToU8('Hello world')]), 'd.ann': strToU8('T1\tClaim 1 6\tHello\n') });
    const read = await readBratZip(zip);
    if (!read.ok) throw new Error(read.error);
    const [annotation] = document(read.documents[0]!).annotations;
    expect(annotation!.exact).toBe('Hello');
  });

  it('fails a span whose quoted text is not what the .txt holds at its offsets', async () => {
    expect(error(readBratDocument('d', 'Hello world', 'T1\tClaim 0 5\tworld\n'))).toBe(
      'T1 on line 1 of the .ann quotes "world", but the .txt holds "Hello" at its offsets.',
    );
    // Fragments are joined by one space, as brat writes them.
    expect(document(readBratDocument('d', 'Hello\nworld', 'T1\tClaim 0 5;6 11\tHello world\n')).annotations[0]!.exact).toBe('Hello\nworld');
  });

  it('cleans notes of control characters and cuts them at the note limit, saying so', async () => {
    const read = document(readBratDocument('d', 'Hello world', `T1\tClaim 0 5\tHello\n#1\tAnnotatorNotes T1\tbad\u0001${'n'.repeat(12_000)}\n`));
    expect(read.annotations[0]!.note).toBe(`bad ${'n'.repeat(10_000 - 4)}`);
    expect(read.warnings).toContain('Notes longer than 10,000 characters were cut: T1.');
  });
});
