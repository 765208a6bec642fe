import { truncate } from '@/lib/text/truncate.ts';
import { z } from 'zod';
import { concatBytes } from '@/lib/bytes.ts';
import { parseInPool, READER_STOPPED } from './parse-pool.ts';
import { readBodyBytes } from '@/lib/http/body.ts';
import { fail, ok, type ThrottledResult } from '@/lib/result.ts';
import { movable } from '@/lib/workers/transfer.ts';
import type { ReadDocument } from '@/lib/annotation-import/model.ts';

export const ANNOTATED_IMPORT_LIMITS = Object.freeze({
  /** A JSONL export streams through, so only a line is ever held: one article and its annotations. */
  maxLineBytes: 32 * 1024 * 1024,
  maxJsonlBytes: 2 * 1024 * 1024 * 1024,
  /** Lines go to a parse worker in batches of about this size (a longer line alone): a message per line would cost more than a small line's reading. */
  batchBytes: 1024 * 1024,
  /** A zip must be whole before its directory (at its end) can be read. */
  maxZipBytes: 200 * 1024 * 1024,
});
export type AnnotatedImportLimits = Readonly<Record<keyof typeof ANNOTATED_IMPORT_LIMITS, number>>;

/** How a request is read: tests pass smaller limits, and compare reading on this thread with the workers. */
export interface AnnotatedReadOptions {
  limits?: AnnotatedImportLimits;
  onThisThread?: boolean;
}

export const annotatedImportQuerySchema = z.object({
  jobId: z
    .string()
    .regex(/^[a-z0-9]{1,64}$/i, 'Not a valid job id.')
    .optional(),
  format: z.enum(['jsonl', 'brat'], 'The format is jsonl (a Newsmark JSONL export) or brat (a zip of .txt and .ann files).').optional(),
  /** The uploaded file's name, so results read "export.jsonl line 3". */
  name: z
    .string()
    .trim()
    .min(1)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'The name contains control characters.')
    // A long file name is shortened, not refused: it only labels the results.
    .transform((s) => truncate(s, 200, { unit: 'utf16' }))
    .optional(),
});
export type AnnotatedImportQuery = z.output<typeof annotatedImportQuerySchema>;

const FORMAT_BY_TYPE: Record<string, 'jsonl' | 'brat'> = {
  'application/x-ndjson': 'jsonl',
  'application/jsonl': 'jsonl',
  'application/zip': 'brat',
  'application/x-zip-compressed': 'brat',
};

/** The bytes of a stream cut into lines at "\n" (a byte no UTF-8 sequence holds inside), each at most maxLineBytes. */
async function* byteLines(
  body: ReadableStream<Uint8Array>,
  maxLineBytes: number,
  maxTotalBytes: number,
): AsyncGenerator<{ bytes: Uint8Array; number: number } | { tooLong: number }> {
  const reader = body.getReader();
  let pending: Uint8Array[] = [];
  let pendingBytes = 0;
  let skipping = false;
  let number = 0;
  let total = 0;
  const take = () => {
    const line = concatBytes(pending);
    pending = [];
    pendingBytes = 0;
    return line;
  };
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxTotalBytes) throw new BodyTooLarge();
      let from = 0;
      for (let nl = value.indexOf(10); nl !== -1; nl = value.indexOf(10, from)) {
        if (skipping) skipping = false;
        else if (pendingBytes + nl - from > maxLineBytes) {
          number++;
          pending = [];
          pendingBytes = 0;
          yield { tooLong: number };
        } else {
          number++;
          pending.push(value.subarray(from, nl));
          pendingBytes += nl - from;
          yield { bytes: take(), number };
        }
        from = nl + 1;
      }
      if (skipping || from === value.byteLength) continue;
      pending.push(value.slice(from));
      pendingBytes += value.byteLength - from;
      if (pendingBytes > maxLineBytes) {
        number++;
        pending = [];
        pendingBytes = 0;
        skipping = true;
        yield { tooLong: number };
      }
    }
    if (pendingBytes > 0) yield { bytes: take(), number: number + 1 };
  } finally {
    reader.releaseLock();
  }
}

export class BodyTooLarge extends Error {}

/** Consecutive lines joined by "\n", numbered from `first`; a line too long, alone; or why the stream stopped. */
type LineBatch = { bytes: Uint8Array<ArrayBuffer>; first: number; last: number } | { tooLong: number } | { stopped: unknown };

/** The lines of `lines` in batches of about `maxBatchBytes`, each ready to move to a worker. */
async function* lineBatches(
  lines: AsyncGenerator<{ bytes: Uint8Array; number: number } | { tooLong: number }>,
  maxBatchBytes: number,
): AsyncGenerator<LineBatch> {
  let parts: Uint8Array[] = [];
  let bytes = 0;
  let first = 0;
  const take = (): LineBatch => {
    const joined = concatBytes(parts.flatMap((p, i) => (i === 0 ? [p] : [NEWLINE, p])));
    const batch = { bytes: joined, first, last: first + parts.length - 1 };
    parts = [];
    bytes = 0;
    return batch;
  };
  try {
    for await (const line of lines) {
      if ('tooLong' in line) {
        if (parts.length) yield take();
        yield line;
        continue;
      }
      if (parts.length && bytes + line.bytes.byteLength > maxBatchBytes) yield take();
      if (!parts.length) first = line.number;
      parts.push(line.bytes);
      bytes += line.bytes.byteLength + 1;
    }
  } catch (error) {
    if (parts.length) yield take();
    yield { stopped: error };
    return;
  }
  if (parts.length) yield take();
}

const NEWLINE = new Uint8Array([10]);

const linesLabel = (fileName: string, batch: { first: number; last: number }) =>
  batch.first === batch.last ? `${fileName} line ${batch.first}` : `${fileName} lines ${batch.first}–${batch.last}`;

/** The documents of a JSONL export after its first batch, as they stream in; a bad line fails alone. */
async function* jsonlDocuments(
  first: ReadDocument[],
  rest: AsyncGenerator<LineBatch>,
  fileName: string,
  { limits = ANNOTATED_IMPORT_LIMITS, onThisThread }: AnnotatedReadOptions,
): AsyncGenerator<ReadDocument> {
  yield* first;
  for await (const batch of rest) {
    if ('stopped' in batch) {
      // The batches before stay written and the job's report ends with this line, so nothing is lost unseen.
      const why =
        batch.stopped instanceof BodyTooLarge ? `a JSONL export carries at most ${limits.maxJsonlBytes / 1024 / 1024 / 1024} GB` : 'the upload was interrupted';
      yield { ok: false, name: fileName, error: `The rest of the file was not read: ${why}.` };
      return;
    }
    if ('tooLong' in batch) {
      yield {
        ok: false,
        name: `${fileName} line ${batch.tooLong}`,
        error: `The line is longer than ${limits.maxLineBytes / 1024 / 1024} MB.`,
      };
      continue;
    }
    // Part of the request is read (and may be written): it waits for a worker rather than being refused.
    const read = await parseInPool('readJsonlLines', [{ args: [batch.bytes, batch.first, fileName, false], transfer: [batch.bytes.buffer] }], {
      wait: true,
      onThisThread,
    });
    const lines = read.ok ? read.value[0] : null;
    if (lines) yield* lines.documents;
    else yield { ok: false, name: linesLabel(fileName, batch), error: READER_STOPPED };
  }
}

/**
 * The documents of an annotated import request: a JSONL export (streamed; its first line must be
 * an export line, so a wrong file is refused before anything is written) or a brat zip (read
 * whole, checked whole). The format comes from `?format=` or the content type.
 */
export async function readAnnotatedRequest(
  request: Request,
  query: AnnotatedImportQuery,
  options: AnnotatedReadOptions = {},
): Promise<ThrottledResult<AsyncIterable<ReadDocument> | Iterable<ReadDocument>>> {
  const { limits = ANNOTATED_IMPORT_LIMITS, onThisThread } = options;
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const format = query.format ?? FORMAT_BY_TYPE[type];
  if (!format)
    return fail('unsupported_media_type', 'Send a Newsmark JSONL export as application/x-ndjson or a brat zip as application/zip (or say ?format=jsonl|brat).');

  if (format === 'brat') {
    const name = query.name ?? 'upload.zip';
    const bytes = await readBodyBytes(request, limits.maxZipBytes);
    if (!bytes.ok) return bytes;
    // Unpacked and read on a parse worker: a 200 MB corpus would hold the request thread for seconds.
    const zipBytes = movable(bytes.value);
    const read = await parseInPool('readBratZip', [{ args: [zipBytes], transfer: [zipBytes.buffer] }], { onThisThread });
    if (!read.ok) return read;
    const zip = read.value[0];
    if (!zip) return fail('payload_too_large', `${name} could not be read. ${READER_STOPPED}`);
    if (!zip.ok) return fail('validation', `${name}: ${zip.error}`);
    if (!zip.documents.some((d) => d.ok)) return fail('validation', `${name}: there is no brat document (.txt with its .ann) in the zip.`);
    return ok(
      zip.documents.map((d) => (d.ok ? { ...d, document: { ...d.document, name: `${name}: ${d.document.name}` } } : { ...d, name: `${name}: ${d.name}` })),
    );
  }

  const name = query.name ?? 'upload.jsonl';
  if (!request.body) return fail('validation', 'The request has no body: send the JSONL export.');
  const batches = lineBatches(byteLines(request.body, limits.maxLineBytes, limits.maxJsonlBytes), limits.batchBytes);
  for (;;) {
    const next = await batches.next();
    if (next.done) return fail('validation', `${name} is empty.`);
    const batch = next.value;
    if ('stopped' in batch) {
      if (batch.stopped instanceof BodyTooLarge)
        return fail('payload_too_large', `A JSONL export carries at most ${limits.maxJsonlBytes / 1024 / 1024 / 1024} GB.`);
      return fail('validation', 'The request body could not be read.');
    }
    if ('tooLong' in batch) return fail('payload_too_large', `${name}: line ${batch.tooLong} is longer than ${limits.maxLineBytes / 1024 / 1024} MB.`);
    // Nothing is written yet: a full line of parse calls refuses the request as a whole.
    const read = await parseInPool('readJsonlLines', [{ args: [batch.bytes, batch.first, name, true], transfer: [batch.bytes.buffer] }], { onThisThread });
    if (!read.ok) return read;
    const lines = read.value[0];
    if (!lines) return fail('payload_too_large', `${name} could not be read. ${READER_STOPPED}`);
    if (lines.start === 'notUtf8') return fail('validation', `${name} is not valid UTF-8.`);
    if (lines.start === 'notExport')
      return fail(
        'validation',
        `${name} is not a Newsmark JSONL export: each line is {"article": {…}, "annotations": […], "relations": […]}. Plain articles are imported as articles.`,
      );
    if (lines.start === 'found') return ok(jsonlDocuments(lines.documents, batches, name, options));
  }
}
