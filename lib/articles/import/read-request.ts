import { z } from 'zod';
import { readBodyBytes } from '../../http/body.ts';
import { fail, ok, type Result } from '../../result.ts';
import { parseImportFile, parseImportItem } from '../parse/index.ts';
import { parseJsonLinesItems } from '../parse/json.ts';
import { readJson } from '../parse/read-json.ts';
import type { ParsedItem } from '../parse/types.ts';
import { IMPORT_LIMITS, megabytes } from './limits.ts';

const tooManyItems = (count: number) =>
  fail('payload_too_large', `This request holds ${count.toLocaleString('en')} articles; at most ${IMPORT_LIMITS.maxItems.toLocaleString('en')} go in one request. Split it.`);

const jsonBodySchema = z.object({ articles: z.array(z.unknown(), { error: 'Send { "articles": [ … ] }.' }) }, { error: 'Send { "articles": [ … ] }.' });

function fromJson(text: string): Result<ParsedItem[]> {
  const json = readJson(text, 'The request body');
  if (!json.ok) return fail('validation', json.error);
  const body = jsonBodySchema.safeParse(json.value);
  if (!body.success) return fail('validation', 'Send { "articles": [ … ] }.');
  if (body.data.articles.length > IMPORT_LIMITS.maxItems) return tooManyItems(body.data.articles.length);
  return ok(body.data.articles.map((raw, i) => parseImportItem(raw, `#${i + 1}`)));
}

function fromNdjson(text: string): Result<ParsedItem[]> {
  const count = text.split('\n').filter((line) => line.trim() !== '').length;
  if (count > IMPORT_LIMITS.maxItems) return tooManyItems(count);
  return ok(parseJsonLinesItems(text, 'NDJSON'));
}

async function fromMultipart(bytes: Uint8Array<ArrayBuffer>, contentType: string): Promise<Result<ParsedItem[]>> {
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return fail('validation', 'The multipart body could not be read.');
  }
  const files = [...form.values()].filter((v): v is File => typeof v !== 'string');
  if (files.length === 0) return fail('validation', 'Attach at least one file.', { files: ['Attach at least one file.'] });
  const items: ParsedItem[] = [];
  for (const file of files) {
    if (file.size > IMPORT_LIMITS.maxFileBytes) {
      items.push({ ok: false, name: file.name, error: `The file is ${megabytes(file.size)}; files of at most ${megabytes(IMPORT_LIMITS.maxFileBytes)} are accepted.` });
      continue;
    }
    items.push(...parseImportFile(file.name, new Uint8Array(await file.arrayBuffer())));
    if (items.length > IMPORT_LIMITS.maxItems) return tooManyItems(items.length);
  }
  return ok(items);
}

/**
 * The articles of an import request, parsed and checked against every limit before anything is
 * written: JSON `{ articles: [...] }`, NDJSON (one article a line) or multipart files.
 */
export async function readImportRequest(request: Request): Promise<Result<ParsedItem[]>> {
  const contentType = request.headers.get('content-type') ?? '';
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (!['application/json', 'application/x-ndjson', 'multipart/form-data'].includes(type)) {
    return fail('unsupported_media_type', 'Send JSON, NDJSON (application/x-ndjson) or multipart/form-data files.');
  }
  const body = await readBodyBytes(request, IMPORT_LIMITS.maxRequestBytes);
  if (!body.ok) return fail('payload_too_large', `One request carries at most ${megabytes(IMPORT_LIMITS.maxRequestBytes)}.`);
  if (type === 'multipart/form-data') return fromMultipart(body.value, contentType);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body.value);
  } catch {
    return fail('validation', 'The request body is not valid UTF-8.');
  }
  return type === 'application/json' ? fromJson(text) : fromNdjson(text);
}
