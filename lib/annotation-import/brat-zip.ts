import { truncate } from '@/lib/text/truncate.ts';
import { createInflateRaw } from 'node:zlib';
import { concatBytes } from '@/lib/bytes.ts';
import { compareIds } from '@/lib/export/order.ts';
import { readBratDocument } from './brat-read.ts';
import type { ReadDocument } from './model.ts';
import { readZipDirectory, ZipFormatError, type ZipEntry } from './zip-directory.ts';

/** What one brat zip may hold: its entries are inflated in memory, so every size is bounded first. */
export const BRAT_ZIP_LIMITS = Object.freeze({ maxEntries: 20_000, maxEntryBytes: 10 * 1024 * 1024, maxTotalBytes: 500 * 1024 * 1024 });
export type BratZipLimits = Readonly<Record<keyof typeof BRAT_ZIP_LIMITS, number>>;

/** Bytes the inflater hands over at a time: how far past its declared size a lying entry gets. */
export const INFLATE_CHUNK_BYTES = 64 * 1024;

const IGNORED = /(^|\/)(__MACOSX\/|\.[^/]*$)|(^|\/)(annotation|visual|tools|kb_shortcuts)\.conf$|\/$/;

export type BratZip = { ok: true; documents: ReadDocument[] } | { ok: false; error: string };

/** What reading a zip cost, for whoever wants to see that a lying entry was stopped early. */
export interface ZipReadCount {
  inflatedBytes: number;
}

// brat (Python) counts a byte order mark as a character, so it stays in the text the offsets index.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BAD_NAME = /[\u0000-\u001f\u007f]/;

/** Why the zip is refused as a whole, from its directory alone; null when its declared sizes are within the limits. */
function directoryRefusal(entries: ZipEntry[], zipBytes: number, limits: BratZipLimits): string | null {
  let total = 0;
  let packed = 0;
  let counted = 0;
  for (const file of entries) {
    if (BAD_NAME.test(file.name) || file.name.length > 500) return 'A file in the zip has a name with control characters or longer than 500 characters.';
    if (IGNORED.test(file.name)) continue;
    counted++;
    total += file.originalSize;
    packed += file.size;
    if (file.compression !== 0 && file.compression !== 8)
      return `${file.name} is compressed in a way this reader does not know (method ${file.compression}); zip it again with the usual settings.`;
    if (file.compression === 0 && file.size !== file.originalSize) return `${file.name} declares a size that is not its own.`;
    if (packed > zipBytes) return 'The zip is malformed: its files overlap.';
    if (file.originalSize > limits.maxEntryBytes) return `${file.name} is larger than ${limits.maxEntryBytes / 1024 / 1024} MB.`;
    if (counted > limits.maxEntries) return `The zip holds more than ${limits.maxEntries.toLocaleString('en')} files.`;
    if (total > limits.maxTotalBytes) return `The zip holds more than ${limits.maxTotalBytes / 1024 / 1024} MB once unpacked.`;
  }
  return null;
}

type Inflated = { ok: true; data: Uint8Array } | { ok: false; why: 'size' | 'damaged' };

/**
 * An entry's deflated data, inflated by zlib on the thread pool (the event loop stays free) a chunk
 * at a time, and stopped as soon as it yields more than it declared: a lying entry costs its
 * declared size plus one chunk, never its real size.
 */
function inflateDeclared(data: Uint8Array, declared: number, count: ZipReadCount): Promise<Inflated> {
  return new Promise((resolve) => {
    const inflater = createInflateRaw({ chunkSize: INFLATE_CHUNK_BYTES });
    const chunks: Uint8Array[] = [];
    let size = 0;
    inflater.on('data', (chunk: Buffer) => {
      size += chunk.byteLength;
      count.inflatedBytes += chunk.byteLength;
      if (size > declared) {
        inflater.destroy();
        resolve({ ok: false, why: 'size' });
      } else {
        chunks.push(chunk);
      }
    });
    inflater.on('end', () => resolve(size === declared ? { ok: true, data: concatBytes(chunks) } : { ok: false, why: 'size' }));
    inflater.on('error', () => resolve({ ok: false, why: 'damaged' }));
    inflater.end(data);
  });
}

/**
 * The documents of a brat corpus zipped (stored or deflated, folders allowed): every `x.ann`
 * with its `x.txt`; a `.txt` without an `.ann` is an article without annotations. The
 * configuration files and OS clutter are skipped; any other file is a failed item, so it is seen.
 * Sizes are checked from the zip's directory before anything is inflated: a declared size must
 * be the real one (stored entries are compared, deflated ones stopped once they inflate past it),
 * and the entries' packed sizes together cannot exceed the zip itself, so entries that share their
 * data (a classic zip bomb) are refused.
 */
export async function readBratZip(bytes: Uint8Array, count: ZipReadCount = { inflatedBytes: 0 }, limits: BratZipLimits = BRAT_ZIP_LIMITS): Promise<BratZip> {
  let entries: ZipEntry[];
  try {
    entries = readZipDirectory(bytes);
  } catch (error) {
    if (!(error instanceof ZipFormatError)) throw error;
    return { ok: false, error: `The file is not a zip archive that can be read: ${truncate(error.message, 200)}.` };
  }
  const refusal = directoryRefusal(entries, bytes.byteLength, limits);
  if (refusal) return { ok: false, error: refusal };

  const files = new Map<string, Uint8Array>();
  for (const entry of entries) {
    if (IGNORED.test(entry.name)) continue;
    const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.size);
    const content: Inflated = entry.compression === 0 ? { ok: true, data } : await inflateDeclared(data, entry.originalSize, count);
    if (!content.ok && content.why === 'size') return { ok: false, error: `${entry.name} declares a size that is not its own.` };
    if (!content.ok) return { ok: false, error: `The file is not a zip archive that can be read: the data of ${entry.name} is damaged.` };
    files.set(entry.name, content.data);
  }

  const stems = new Map<string, { txt?: Uint8Array; ann?: Uint8Array }>();
  const documents: ReadDocument[] = [];
  for (const [path, data] of files) {
    const match = /^(.*)\.(txt|ann)$/i.exec(path);
    if (!match) {
      documents.push({ ok: false, name: path, error: 'Not part of a brat corpus: a brat zip holds .txt and .ann files (and annotation.conf).' });
      continue;
    }
    const entry = stems.get(match[1]!) ?? {};
    entry[match[2]!.toLowerCase() as 'txt' | 'ann'] = data;
    stems.set(match[1]!, entry);
  }
  for (const [stem, { txt, ann }] of [...stems].sort(([a], [b]) => compareIds(a, b))) {
    if (!txt) {
      documents.push({ ok: false, name: `${stem}.ann`, error: `There is no ${stem}.txt for this .ann.` });
      continue;
    }
    let text: string;
    let annotations: string;
    try {
      text = decoder.decode(txt);
      annotations = ann ? decoder.decode(ann) : '';
    } catch {
      documents.push({ ok: false, name: stem, error: 'The .txt or .ann is not valid UTF-8.' });
      continue;
    }
    documents.push(readBratDocument(stem, text, annotations));
  }
  return { ok: true, documents };
}
