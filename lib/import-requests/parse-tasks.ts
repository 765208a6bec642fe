// What the import's parse workers run (lib/import-requests/parse-pool.ts): everything that reads
// an import request's body, whose cost grows with its size. Pure: bytes in, items or reasons out.
// The annotated import's brat zips and JSONL lines are read here too: one pool for every import,
// so the workers stay bounded to the cores.
import { z } from 'zod';
import { readBratZip } from '@/lib/annotation-import/brat-zip.ts';
import { readJsonlLines } from '@/lib/annotation-import/jsonl-lines.ts';
import { fail, ok, type Result } from '@/lib/result.ts';
import { transferring } from '@/lib/workers/transfer.ts';
import { parseImportFile, parseImportItem } from '@/lib/articles/parse/index.ts';
import { parseJsonLinesItems } from '@/lib/articles/parse/json.ts';
import { readJson } from '@/lib/articles/parse/read-json.ts';
import type { ParsedItem } from '@/lib/articles/parse/model.ts';
import { IMPORT_LIMITS, tooManyItems } from '@/lib/import-jobs/limits.ts';

const jsonBodySchema = z.object({ articles: z.array(z.unknown(), { error: 'Send { "articles": [ … ] }.' }) }, { error: 'Send { "articles": [ … ] }.' });

function utf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

const NOT_UTF8 = fail('validation', 'The request body is not valid UTF-8.');

function readJsonBody(bytes: Uint8Array): Result<ParsedItem[]> {
  const text = utf8(bytes);
  if (text === null) return NOT_UTF8;
  const json = readJson(text, 'The request body');
  if (!json.ok) return fail('validation', json.error);
  const body = jsonBodySchema.safeParse(json.value);
  if (!body.success) return fail('validation', 'Send { "articles": [ … ] }.');
  if (body.data.articles.length > IMPORT_LIMITS.maxItems) return tooManyItems(body.data.articles.length);
  return ok(body.data.articles.map((raw, i) => parseImportItem(raw, `#${i + 1}`)));
}

function readNdjsonBody(bytes: Uint8Array): Result<ParsedItem[]> {
  const text = utf8(bytes);
  if (text === null) return NOT_UTF8;
  const count = text.split('\n').filter((line) => line.trim() !== '').length;
  if (count > IMPORT_LIMITS.maxItems) return tooManyItems(count);
  return ok(parseJsonLinesItems(text, 'NDJSON'));
}

/** A file of a multipart upload; `bytes` is null for a file over the size limit, which is never read. */
export interface UploadedFile {
  name: string;
  size: number;
  bytes: Uint8Array<ArrayBuffer> | null;
}

/** The files of a multipart body, their bytes moved (not copied) back to the caller. */
async function splitMultipart(bytes: Uint8Array<ArrayBuffer>, contentType: string) {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return transferring(fail('validation', 'The multipart body could not be read.') as Result<UploadedFile[]>, []);
  }
  const files: UploadedFile[] = [];
  for (const value of form.values()) {
    if (typeof value === 'string') continue;
    files.push({ name: value.name, size: value.size, bytes: value.size > IMPORT_LIMITS.maxFileBytes ? null : new Uint8Array(await value.arrayBuffer()) });
  }
  return transferring(
    ok(files) as Result<UploadedFile[]>,
    files.flatMap((f) => (f.bytes ? [f.bytes.buffer] : [])),
  );
}

/** Each file's items, in order: a few small files go in one call, so each call is worth its message. */
const parseFiles = (files: { name: string; bytes: Uint8Array }[]): ParsedItem[][] => files.map((f) => parseImportFile(f.name, f.bytes));

export const tasks = { readJsonBody, readNdjsonBody, splitMultipart, parseFiles, readBratZip, readJsonlLines };
export type ParseTasks = typeof tasks;
