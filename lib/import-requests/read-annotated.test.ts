import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bratAnn } from '@/lib/export/brat.ts';
import { ITEM, TEXT } from '@/lib/export/fixture.test-data.ts';
import { jsonlLine } from '@/lib/export/jsonl.ts';
import type { Result } from '@/lib/result.ts';
import { PARSE_POOL } from './parse-pool.ts';
import { readExportLine, readExportLineText } from '@/lib/annotation-import/jsonl-read.ts';
import { ANNOTATED_IMPORT_LIMITS, readAnnotatedRequest, type AnnotatedImportQuery } from './read-annotated.ts';
import type { ReadDocument } from '@/lib/annotation-import/model.ts';

const URL = 'http://app.example/api/import/annotations';
const encoder = new TextEncoder();

/** The bytes as a stream of 1-7 byte chunks (a fixed pseudo-random sequence), so multi-byte characters and line ends fall across chunks. */
function trickle(bytes: Uint8Array, seed = 7): ReadableStream<Uint8Array> {
  let at = 0;
  let state = seed;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) {
        controller.close();
        return;
      }
      state = (state * 1103515245 + 12345) % 2147483648;
      const size = 1 + (state % 7);
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

function request(body: string | Uint8Array | ReadableStream<Uint8Array> | null, contentType: string | null = 'application/x-ndjson'): Request {
  const headers = contentType ? { 'content-type': contentType } : undefined;
  if (body instanceof ReadableStream) return new Request(URL, { method: 'POST', headers, body, duplex: 'half' } as RequestInit & { duplex: 'half' });
  return new Request(URL, { method: 'POST', headers, body: body instanceof Uint8Array ? new Uint8Array(body) : body });
}

async function documents(result: Result<AsyncIterable<ReadDocument> | Iterable<ReadDocument>>): Promise<ReadDocument[]> {
  if (!result.ok) throw new Error(`expected documents, got ${result.error.code}: ${result.error.message}`);
  const out: ReadDocument[] = [];
  for await (const d of result.value) out.push(d);
  return out;
}

function refusal(result: Result<unknown>) {
  if (result.ok) throw new Error('expected a refusal');
  return result.error;
}

const names = (docs: ReadDocument[]) => docs.map((d) => (d.ok ? d.document.name : `failed ${d.name}`));

const GOLDEN = jsonlLine(ITEM).trimEnd();
const small = (text: string) => JSON.stringify({ article: { title: 'x', text }, annotations: [] });

describe('readAnnotatedRequest: format', () => {
  it('refuses a type it cannot tell without ?format', async () => {
    const error = refusal(await readAnnotatedRequest(request(GOLDEN, 'text/plain'), {}));
    expect(error.code).toBe('unsupported_media_type');
    expect(error.message).toMatch(/application\/x-ndjson.*application\/zip/);
    expect(refusal(await readAnnotatedRequest(request(GOLDEN, null), {})).code).toBe('unsupported_media_type');
  });

  it('takes the format from ?format whatever the type, and the type with its parameters in any case', async () => {
    expect(names(await documents(await readAnnotatedRequest(request(GOLDEN, 'text/plain'), { format: 'jsonl' })))).toEqual(['upload.jsonl line 1']);
    expect(names(await documents(await readAnnotatedRequest(request(GOLDEN, 'Application/JSONL; charset=utf-8'), { name: 'e.jsonl' })))).toEqual([
      'e.jsonl line 1',
    ]);
  });
});

describe('readAnnotatedRequest: JSONL', () => {
  const shortLines = { limits: { ...ANNOTATED_IMPORT_LIMITS, maxLineBytes: 60 } };

  it('refuses a first line that is not JSON, or not an export line, before anything', async () => {
    for (const body of ['not json\n' + GOLDEN, '{"text": "A plain article"}\n' + GOLDEN, '\n\n[1, 2]\n', '"article"']) {
      const error = refusal(await readAnnotatedRequest(request(body), { name: 'f.jsonl' }));
      expect(error.code).toBe('validation');
      expect(error.message).toMatch(/^f\.jsonl is not a Newsmark JSONL export: /);
    }
  });

  it('refuses an empty body, or one of blank lines only', async () => {
    expect(refusal(await readAnnotatedRequest(request(''), { name: 'f.jsonl' }))).toEqual({ code: 'validation', message: 'f.jsonl is empty.' });
    expect(refusal(await readAnnotatedRequest(request('\n  \n\r\n\n'), {}))).toEqual({ code: 'validation', message: 'upload.jsonl is empty.' });
  });

  it('refuses a request without a body', async () => {
    expect(refusal(await readAnnotatedRequest(request(null), {})).message).toBe('The request has no body: send the JSONL export.');
  });

  it('refuses a first line that is not UTF-8', async () => {
    expect(refusal(await readAnnotatedRequest(request(new Uint8Array([0x7b, 0xff, 0x7d, 0x0a])), {}))).toEqual({
      code: 'validation',
      message: 'upload.jsonl is not valid UTF-8.',
    });
  });

  it('still reads a first export line that breaks a rule, as a failed document', async () => {
    const docs = await documents(await readAnnotatedRequest(request(JSON.stringify({ article: { title: 'no text' } })), {}));
    expect(docs).toEqual([{ ok: false, name: 'upload.jsonl line 1', error: 'The article has no "text".' }]);
  });

  it('reads a body streamed in tiny chunks, multi-byte characters cut, to the same documents, numbering every line', async () => {
    const lines = ['', GOLDEN, '', '   ', small('Ünïcödé 🌊 佐藤 👩‍👩‍👧'), '', GOLDEN.replace('"art1"', '"art9"'), ''];
    const body = lines.join('\n');
    for (const seed of [1, 7, 42]) {
      const docs = await documents(await readAnnotatedRequest(request(trickle(encoder.encode(body), seed)), { name: 'export.jsonl' }));
      expect(names(docs)).toEqual(['export.jsonl line 2', 'export.jsonl line 5', 'export.jsonl line 7']);
      const expected = [
        readExportLine(JSON.parse(GOLDEN), 'export.jsonl line 2'),
        readExportLine(JSON.parse(small('Ünïcödé 🌊 佐藤 👩‍👩‍👧')), 'export.jsonl line 5'),
        readExportLine(JSON.parse(GOLDEN.replace('"art1"', '"art9"')), 'export.jsonl line 7'),
      ];
      expect(docs).toEqual(expected);
      expect(docs.every((d) => d.ok)).toBe(true);
      expect(docs[0]!.ok && docs[0]!.document.article.text).toBe(TEXT);
    }
  });

  it('reads the last line without its line end, and CRLF line ends', async () => {
    const docs = await documents(await readAnnotatedRequest(request(trickle(encoder.encode(`${small('a')}\r\n\r\n${small('b')}`))), {}));
    expect(names(docs)).toEqual(['upload.jsonl line 1', 'upload.jsonl line 3']);
    expect(docs.map((d) => d.ok && d.document.article.text)).toEqual(['a', 'b']);
  });

  it('fails a later line that is not UTF-8 or not JSON alone', async () => {
    const body = new Uint8Array([
      ...encoder.encode(`${small('a')}\n`),
      0x7b,
      0xe2,
      0x82,
      0x0a,
      ...encoder.encode(`{"article": \n${small('b')}\n[]\n${small('c')}\n`),
    ]);
    const docs = await documents(await readAnnotatedRequest(request(trickle(body)), { name: 'x' }));
    expect(names(docs)).toEqual(['x line 1', 'failed x line 2', 'failed x line 3', 'x line 4', 'failed x line 5', 'x line 6']);
    expect(docs[1]).toEqual({ ok: false, name: 'x line 2', error: 'The line is not valid UTF-8.' });
    expect(docs[2]).toMatchObject({ ok: false, name: 'x line 3', error: expect.stringMatching(/^This line is not valid JSON: /) });
    expect(docs[4]).toEqual({ ok: false, name: 'x line 5', error: 'The line is not an object like {"article": {…}, "annotations": […]}.' });
  });

  it('fails a line longer than the limit alone, and numbers the following lines right', async () => {
    const long = small('x'.repeat(200));
    const body = [small('a'), long, '', small('b'), `${long}${long}`, small('c')].join('\n');
    for (const seed of [3, 11]) {
      const docs = await documents(await readAnnotatedRequest(request(trickle(encoder.encode(body), seed)), { name: 'x' }, shortLines));
      expect(names(docs)).toEqual(['x line 1', 'failed x line 2', 'x line 4', 'failed x line 5', 'x line 6']);
      expect(docs[1]).toMatchObject({ ok: false, error: expect.stringMatching(/^The line is longer than .* MB\.$/) });
      expect(docs.map((d) => d.ok && d.document.article.text)).toEqual(['a', false, 'b', false, 'c']);
    }
  });

  it('fails a last line longer than the limit without a line end', async () => {
    const docs = await documents(
      await readAnnotatedRequest(request(trickle(encoder.encode(`${small('a')}\n${small('x'.repeat(200))}`))), { name: 'x' }, shortLines),
    );
    expect(names(docs)).toEqual(['x line 1', 'failed x line 2']);
  });

  it('refuses a first line longer than the limit as too large', async () => {
    const error = refusal(
      await readAnnotatedRequest(request(trickle(encoder.encode(`\n${small('x'.repeat(200))}\n${small('a')}`))), { name: 'x' }, shortLines),
    );
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(/^x: line 2 is longer than /);
  });

  // The limit holds however the line is cut into chunks (it once held only for a line's unfinished tail).
  it('fails a line longer than the limit even when it arrives in one chunk', async () => {
    const body = encoder.encode([small('a'), small('x'.repeat(200)), small('c')].join('\n'));
    const oneChunk = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(body);
        controller.close();
      },
    });
    const docs = await documents(await readAnnotatedRequest(request(oneChunk), { name: 'x' }, shortLines));
    expect(names(docs)).toEqual(['x line 1', 'failed x line 2', 'x line 3']);
  });

  it('stops with a failed item when the whole export is past its limit', async () => {
    const docs = await documents(
      await readAnnotatedRequest(
        request(trickle(encoder.encode([small('a'), small('b'), small('c'), small('d')].join('\n')))),
        { name: 'x' },
        { limits: { ...ANNOTATED_IMPORT_LIMITS, maxJsonlBytes: 60 } },
      ),
    );
    expect(docs.at(-1)).toMatchObject({
      ok: false,
      name: 'x',
      error: expect.stringMatching(/^The rest of the file was not read: a JSONL export carries at most/),
    });
    expect(docs[0]).toMatchObject({ ok: true });
  });

  it('reads hostile lines (one huge, deeply nested, many tiny) as each line read alone would, on the workers or this thread, however batched', async () => {
    const huge = JSON.stringify({
      article: { title: 'huge', text: 'word '.repeat(3_000_000) },
      annotations: Array.from({ length: 2_000 }, (_, i) => ({ id: i, kind: 'claim', start: i * 5, end: i * 5 + 4 })),
    });
    const deep = `{"article":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const tiny = Array.from({ length: 60_000 }, (_, i) => ['{}', '', '[]', small(`t${i}`), ' ', '{'][i % 6]!);
    const lines = [small('first'), deep, ...tiny.slice(0, 30_000), huge, deep, ...tiny.slice(30_000), huge];
    const expected = lines.flatMap((line, i) => (line.trim() ? [readExportLineText(line, `h line ${i + 1}`)] : []));
    expect(expected.filter((d) => !d.ok && /nests arrays or objects more than/.test(d.error))).toHaveLength(2);
    for (const [onThisThread, batchBytes] of [
      [false, ANNOTATED_IMPORT_LIMITS.batchBytes],
      [false, 1_000],
      [true, ANNOTATED_IMPORT_LIMITS.batchBytes],
    ] as const) {
      const limits = { ...ANNOTATED_IMPORT_LIMITS, batchBytes };
      expect(await documents(await readAnnotatedRequest(request(lines.join('\n')), { name: 'h' }, { limits, onThisThread }))).toEqual(expected);
    }
  }, 60_000);

  it('refuses a deeply nested first line as not an export', async () => {
    const error = refusal(await readAnnotatedRequest(request(`\n{"article":${'['.repeat(100_000)}${']'.repeat(100_000)}}\n${small('a')}`), { name: 'd' }));
    expect(error).toMatchObject({ code: 'validation', message: expect.stringMatching(/^d is not a Newsmark JSONL export/) });
  });

  it('has limits nothing can change: tests pass their own', () => {
    expect(ANNOTATED_IMPORT_LIMITS.maxLineBytes).toBe(32 * 1024 * 1024);
    expect(ANNOTATED_IMPORT_LIMITS.maxJsonlBytes).toBe(2 * 1024 * 1024 * 1024);
    expect(() => Object.assign(ANNOTATED_IMPORT_LIMITS, { maxLineBytes: 60 })).toThrow(TypeError);
    expect(() => Object.assign(PARSE_POOL, { size: 0 })).toThrow(TypeError);
  });
});

describe('readAnnotatedRequest: brat', () => {
  const zip = (files: Record<string, string>) => zipSync(Object.fromEntries(Object.entries(files).map(([name, content]) => [name, strToU8(content)])));
  const query = (q: AnnotatedImportQuery = {}) => q;

  it('reads a brat zip, naming documents "<name>: <stem>"', async () => {
    const body = zip({
      'corpus/art1.txt': TEXT,
      'corpus/art1.ann': bratAnn(ITEM),
      'corpus/empty.txt': 'Nothing.',
      'corpus/orphan.ann': '',
      'annotation.conf': '',
    });
    const docs = await documents(await readAnnotatedRequest(request(body, 'application/zip'), query({ name: 'corpus.zip' })));
    expect(names(docs)).toEqual(['corpus.zip: corpus/art1', 'corpus.zip: corpus/empty', 'failed corpus.zip: corpus/orphan.ann']);
    const first = docs[0]!;
    expect(first.ok && first.document.annotations).toHaveLength(ITEM.annotations.length);
    expect(first.ok && first.document.article.text).toBe(TEXT);
  });

  it('takes brat from ?format and names an unnamed upload upload.zip', async () => {
    const docs = await documents(await readAnnotatedRequest(request(zip({ 'a.txt': 'A.' }), 'application/octet-stream'), { format: 'brat' }));
    expect(names(docs)).toEqual(['upload.zip: a']);
    const compressed = await documents(await readAnnotatedRequest(request(zip({ 'a.txt': 'A.' }), 'application/x-zip-compressed'), {}));
    expect(names(compressed)).toEqual(['upload.zip: a']);
  });

  it('refuses a zip without any brat document', async () => {
    for (const files of [{ 'readme.md': 'hi' }, { 'a.ann': 'T1\tClaim 0 1\tA' }, {}] as Record<string, string>[]) {
      const error = refusal(await readAnnotatedRequest(request(zip(files), 'application/zip'), { name: 'c.zip' }));
      expect(error).toEqual({ code: 'validation', message: 'c.zip: there is no brat document (.txt with its .ann) in the zip.' });
    }
  });

  it('refuses what is not a zip', async () => {
    const error = refusal(await readAnnotatedRequest(request(GOLDEN, 'application/zip'), { name: 'c.zip' }));
    expect(error.code).toBe('validation');
    expect(error.message).toMatch(/^c\.zip: The file is not a zip archive that can be read: /);
  });

  it('refuses a zip past its size limit', async () => {
    const limits = { ...ANNOTATED_IMPORT_LIMITS, maxZipBytes: 10 };
    expect(refusal(await readAnnotatedRequest(request(zip({ 'a.txt': 'A.' }), 'application/zip'), {}, { limits })).code).toBe('payload_too_large');
  });
});
