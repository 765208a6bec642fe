import { truncate } from '@/lib/text/truncate.ts';
import { parse, type CsvError } from 'csv-parse/sync';
import { parseImportItem } from './import-item.ts';
import { formatCount, PARSE_LIMITS } from './limits.ts';
import { failedItem, type ParsedItem } from './model.ts';

// Header names (any case) and the item field each feeds; other columns are ignored.
const COLUMNS = new Map([
  ['title', 'title'],
  ['text', 'text'],
  ['html', 'html'],
  ['url', 'url'],
  ['source', 'source'],
  ['author', 'author'],
  ['published_at', 'publishedAt'],
  ['publishedat', 'publishedAt'],
  ['language', 'language'],
  ['lang', 'language'],
]);

/** Spreadsheets in some locales save with ";" (or tabs); the header line tells which. */
function sniffDelimiter(text: string): string {
  const header = text.split('\n', 1)[0] ?? '';
  return [',', ';', '\t'].find((d) => header.includes(d)) ?? ',';
}

type CsvEvent = { record: string[] } | { error: string };

function skippedRecordMessage(error: CsvError | undefined): string {
  if (error?.code === 'CSV_QUOTE_NOT_CLOSED') {
    return `A quoted field opened here is never closed, so the rest of the file ran into it (the file ends at line ${String(error.lines)}).`;
  }
  return `This row could not be read: ${error?.message ?? 'unknown error'}.`;
}

/**
 * A CSV with a header row (title, text, url, source, author, published_at; text or html
 * required), read by csv-parse as RFC 4180: quoted fields may hold commas, quotes and newlines.
 * Each row is one item and fails alone. Rows are numbered as a spreadsheet shows them: the header
 * is row 1, the first article row 2, and a cell with line breaks does not shift later numbers.
 */
export function parseCsvItems(text: string, fileName: string): ParsedItem[] {
  const events: CsvEvent[] = [];
  try {
    parse(text, {
      bom: true,
      delimiter: sniffDelimiter(text),
      // Rows with a wrong number of fields or a stray quote are reported one by one, below.
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      on_record: (record: string[]) => {
        events.push({ record });
        return null;
      },
      on_skip: (error) => {
        events.push({ error: skippedRecordMessage(error) });
      },
    });
  } catch (error) {
    return [failedItem(fileName, `The CSV could not be read: ${error instanceof Error ? error.message : String(error)}`)];
  }

  const [first, ...rows] = events;
  if (!first || !('record' in first)) return [failedItem(fileName, 'The CSV has no header row.')];
  const header = first.record.map((name) => name.trim().toLowerCase());
  const fields = header.map((name) => COLUMNS.get(name) ?? null);
  const repeated = header.find((name, i) => fields[i] !== null && header.indexOf(name) !== i);
  if (repeated) return [failedItem(fileName, `The CSV header has the column "${repeated}" twice.`)];
  if (!fields.includes('text') && !fields.includes('html')) {
    return [failedItem(fileName, `The CSV header has no "text" column; its columns are: ${truncate(header.join(', '), 200)}.`)];
  }

  const isBlank = (event: CsvEvent) => 'record' in event && event.record.every((cell) => cell.trim() === '');
  const count = rows.filter((event) => !isBlank(event)).length;
  if (count === 0) return [failedItem(fileName, 'The CSV has a header but no articles.')];
  if (count > PARSE_LIMITS.maxItemsPerFile) {
    return [failedItem(fileName, `The CSV has ${formatCount(count)} rows; one file may hold at most ${formatCount(PARSE_LIMITS.maxItemsPerFile)}. Split it.`)];
  }

  return rows.flatMap((event, i): ParsedItem[] => {
    const name = `${fileName} row ${i + 2}`;
    if (!('record' in event)) return [failedItem(name, event.error)];
    if (isBlank(event)) return [];
    if (event.record.length !== header.length) {
      return [
        failedItem(name, `This row has ${event.record.length} fields but the header has ${header.length}; a comma or a quote is probably missing or extra.`),
      ];
    }
    const item: Record<string, string> = {};
    fields.forEach((field, j) => {
      const cell = event.record[j];
      if (field && cell !== undefined && cell.trim() !== '') item[field] = cell;
    });
    return [parseImportItem(item, name)];
  });
}
