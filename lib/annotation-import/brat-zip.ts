import { unzipSync } from 'fflate';
import { readBratDocument } from './brat-read.ts';
import type { ReadDocument } from './types.ts';
import { compareIds } from '../export/order.ts';

/** What one brat zip may hold: its entries are inflated in memory, so every size is bounded first. */
export const BRAT_ZIP_LIMITS = { maxEntries: 20_000, maxEntryBytes: 10 * 1024 * 1024, maxTotalBytes: 500 * 1024 * 1024 };

const IGNORED = /(^|\/)(__MACOSX\/|\.[^/]*$)|(^|\/)(annotation|visual|tools|kb_shortcuts)\.conf$|\/$/;

export type BratZip = { ok: true; documents: ReadDocument[] } | { ok: false; error: string };

// brat (Python) counts a byte order mark as a character, so it stays in the text the offsets index.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const BAD_NAME = /[\u0000-\u001f\u007f]/;

/**
 * The documents of a brat corpus zipped (stored or deflated, folders allowed): every `x.ann`
 * with its `x.txt`; a `.txt` without an `.ann` is an article without annotations. The
 * configuration files and OS clutter are skipped; any other file is a failed item, so it is seen.
 * Sizes are checked from the zip's directory before anything is inflated: a declared size must
 * be the real one for stored entries, and the entries' packed sizes together cannot exceed the
 * zip itself, so entries that share their data (a classic zip bomb) are refused.
 */
export function readBratZip(bytes: Uint8Array): BratZip {
  let total = 0;
  let packed = 0;
  let entries = 0;
  let refusal: string | null = null;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        if (BAD_NAME.test(file.name) || file.name.length > 500) refusal ??= 'A file in the zip has a name with control characters or longer than 500 characters.';
        if (refusal === null && IGNORED.test(file.name)) return false;
        entries++;
        total += file.originalSize;
        packed += file.size;
        if (file.compression === 0 && file.size !== file.originalSize) refusal ??= `${file.name} declares a size that is not its own.`;
        if (packed > bytes.byteLength) refusal ??= 'The zip is malformed: its files overlap.';
        if (file.originalSize > BRAT_ZIP_LIMITS.maxEntryBytes) refusal ??= `${file.name} is larger than ${BRAT_ZIP_LIMITS.maxEntryBytes / 1024 / 1024} MB.`;
        if (entries > BRAT_ZIP_LIMITS.maxEntries) refusal ??= `The zip holds more than ${BRAT_ZIP_LIMITS.maxEntries.toLocaleString('en')} files.`;
        if (total > BRAT_ZIP_LIMITS.maxTotalBytes) refusal ??= `The zip holds more than ${BRAT_ZIP_LIMITS.maxTotalBytes / 1024 / 1024} MB once unpacked.`;
        return refusal === null;
      },
    });
  } catch (error) {
    return { ok: false, error: `The file is not a zip archive that can be read: ${(error instanceof Error ? error.message : String(error)).slice(0, 200)}` };
  }
  if (refusal) return { ok: false, error: refusal };

  const stems = new Map<string, { txt?: Uint8Array; ann?: Uint8Array }>();
  const documents: ReadDocument[] = [];
  for (const [path, data] of Object.entries(files)) {
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
