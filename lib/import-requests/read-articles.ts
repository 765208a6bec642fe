import { readBodyBytes } from '@/lib/http/body.ts';
import { fail, ok, type ThrottledResult } from '@/lib/result.ts';
import { movable } from '@/lib/workers/transfer.ts';
import { failedItem, type ParsedItem } from '@/lib/articles/parse/model.ts';
import { IMPORT_LIMITS, megabytes, tooManyItems } from '@/lib/import-jobs/limits.ts';
import { parseInPool, READER_STOPPED } from './parse-pool.ts';
import type { UploadedFile } from './parse-tasks.ts';

/** Files up to this size share a call to a parse worker; a larger one has a call of its own. */
const SHARED_CALL_BYTES = 1024 * 1024;

function groupSmallFiles(files: (UploadedFile & { bytes: Uint8Array<ArrayBuffer> })[]) {
  const groups: (typeof files)[] = [];
  let bytes = Infinity;
  for (const file of files) {
    if (bytes + file.size > SHARED_CALL_BYTES) {
      groups.push([]);
      bytes = 0;
    }
    groups.at(-1)!.push(file);
    bytes += file.size;
  }
  return groups;
}

async function fromMultipart(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<ThrottledResult<ParsedItem[]>> {
  const split = await parseInPool('splitMultipart', [{ args: [bytes, contentType], transfer: [bytes.buffer] }]);
  if (!split.ok) return split;
  const files = split.value[0];
  if (!files) return fail('payload_too_large', `The upload could not be read. ${READER_STOPPED}`);
  if (!files.ok) return files;
  if (files.value.length === 0) return fail('validation', 'Attach at least one file.', { files: ['Attach at least one file.'] });
  const readable = files.value.filter((f): f is UploadedFile & { bytes: Uint8Array<ArrayBuffer> } => f.bytes !== null);
  const groups = groupSmallFiles(readable);
  const parsed = await parseInPool(
    'parseFiles',
    groups.map((group) => ({ args: [group.map((f) => ({ name: f.name, bytes: f.bytes }))], transfer: group.map((f) => f.bytes.buffer) })),
  );
  if (!parsed.ok) return parsed;
  const itemsOf = new Map<UploadedFile, ParsedItem[]>();
  groups.forEach((group, g) =>
    group.forEach((file, i) => itemsOf.set(file, parsed.value[g]?.[i] ?? [failedItem(file.name, `The file could not be read. ${READER_STOPPED}`)])),
  );
  const items: ParsedItem[] = [];
  for (const file of files.value) {
    const fileItems = itemsOf.get(file);
    if (!fileItems) {
      items.push({
        ok: false,
        name: file.name,
        error: `The file is ${megabytes(file.size)}; files of at most ${megabytes(IMPORT_LIMITS.maxFileBytes)} are accepted.`,
      });
      continue;
    }
    items.push(...fileItems);
    if (items.length > IMPORT_LIMITS.maxItems) return tooManyItems(items.length);
  }
  return ok(items);
}

/**
 * The articles of an import request, parsed and checked against every limit before anything is
 * written: JSON `{ articles: [...] }`, NDJSON (one article a line) or multipart files. The body is
 * read here; everything whose cost grows with it runs on a parse worker (parse-pool.ts).
 */
export async function readImportRequest(request: Request): Promise<ThrottledResult<ParsedItem[]>> {
  const contentType = request.headers.get('content-type') ?? '';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (!['application/json', 'application/x-ndjson', 'multipart/form-data'].includes(type)) {
    return fail('unsupported_media_type', 'Send JSON, NDJSON (application/x-ndjson) or multipart/form-data files.');
  }
  const body = await readBodyBytes(request, IMPORT_LIMITS.maxRequestBytes);
  if (!body.ok) return fail('payload_too_large', `One request carries at most ${megabytes(IMPORT_LIMITS.maxRequestBytes)}.`);
  const bytes = movable(body.value);
  if (type === 'multipart/form-data') return fromMultipart(bytes, contentType);
  const read = await parseInPool(type === 'application/json' ? 'readJsonBody' : 'readNdjsonBody', [{ args: [bytes], transfer: [bytes.buffer] }]);
  if (!read.ok) return read;
  return read.value[0] ?? fail('payload_too_large', `The request body could not be read. ${READER_STOPPED}`);
}
