import { readJson } from '@/lib/articles/parse/read-json.ts';
import { isExportLine } from '@/lib/articles/parse/export-line.ts';
import { readExportLine, readExportLineText } from './jsonl-read.ts';
import type { ReadDocument } from './model.ts';

/**
 * How a batch that may hold the export's first line began: `blank` when every line was blank
 * (the first is still to come), `found` when its first line is an export line; `notUtf8` and
 * `notExport` refuse the file before anything of it is written.
 */
export type JsonlStart = 'blank' | 'found' | 'notUtf8' | 'notExport';

export interface JsonlLinesRead {
  start: JsonlStart;
  documents: ReadDocument[];
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * The documents of consecutive lines of a JSONL export, joined by "\n" into `bytes` and numbered
 * from `firstNumber`: what a parse worker runs, a batch at a time, so a 32 MB line or a million
 * small ones never hold the request thread. Blank lines are skipped; a bad line fails alone.
 * While `seekingStart`, the first line that is not blank must be an export line.
 */
export function readJsonlLines(bytes: Uint8Array, firstNumber: number, fileName: string, seekingStart: boolean): JsonlLinesRead {
  const documents: ReadDocument[] = [];
  let start: JsonlStart = seekingStart ? 'blank' : 'found';
  let number = firstNumber;
  for (let from = 0; from <= bytes.byteLength; number++) {
    const nl = bytes.indexOf(10, from);
    const end = nl === -1 ? bytes.byteLength : nl;
    const line = bytes.subarray(from, end);
    from = end + 1;
    const name = `${fileName} line ${number}`;
    let text: string;
    try {
      text = decoder.decode(line);
    } catch {
      if (start === 'blank') return { start: 'notUtf8', documents };
      documents.push({ ok: false, name, error: 'The line is not valid UTF-8.' });
      continue;
    }
    if (!text.trim()) continue;
    if (start === 'blank') {
      const json = readJson(text, fileName);
      if (!json.ok || !isExportLine(json.value)) return { start: 'notExport', documents };
      start = 'found';
      documents.push(readExportLine(json.value, name));
    } else {
      documents.push(readExportLineText(text, name));
    }
  }
  return { start, documents };
}
