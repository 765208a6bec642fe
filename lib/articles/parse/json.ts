import { isExportLine } from './export-line.ts';
import { parseImportItem } from './import-item.ts';
import { formatCount, PARSE_LIMITS } from './limits.ts';
import { readJson } from './read-json.ts';
import { failedItem, type ParsedItem } from './model.ts';

const tooMany = (fileName: string, count: number) =>
  failedItem(fileName, `The file holds ${formatCount(count)} articles; one file may hold at most ${formatCount(PARSE_LIMITS.maxItemsPerFile)}. Split it.`);

/**
 * A .json file: one article object, an array of them, or the API's own body { "articles": [...] }.
 * Array elements are named "items.json #1", "#2"... (from 1) and fail alone.
 */
export function parseJsonItems(text: string, fileName: string): ParsedItem[] {
  const json = readJson(text, 'The file');
  if (!json.ok) return [failedItem(fileName, json.error)];
  const data = json.value;
  const wrapped =
    typeof data === 'object' && data !== null && !Array.isArray(data) && !('text' in data) && !('html' in data) && 'articles' in data ? data.articles : data;
  if (!Array.isArray(wrapped)) return [parseImportItem(wrapped, fileName)];
  if (wrapped.length === 0) return [failedItem(fileName, 'The file holds an empty list of articles.')];
  if (wrapped.length > PARSE_LIMITS.maxItemsPerFile) return [tooMany(fileName, wrapped.length)];
  return wrapped.map((item, i) => parseImportItem(item, `${fileName} #${i + 1}`));
}

/** A .jsonl (NDJSON) file: one article object per line; blank lines are skipped; a bad line fails alone. */
export function parseJsonLinesItems(text: string, fileName: string): ParsedItem[] {
  const lines = text.split('\n');
  const count = lines.filter((line) => line.trim() !== '').length;
  if (count === 0) return [failedItem(fileName, 'The file holds no articles.')];
  if (count > PARSE_LIMITS.maxItemsPerFile) return [tooMany(fileName, count)];
  return lines.flatMap((line, i): ParsedItem[] => {
    if (line.trim() === '') return [];
    const name = `${fileName} line ${i + 1}`;
    const json = readJson(line, 'This line');
    if (!json.ok) return [failedItem(name, json.error)];
    const item = json.value;
    if (isExportLine(item))
      return [
        failedItem(
          name,
          'This line is an annotated export ({"article", "annotations", …}): import the file as annotations (POST /api/import/annotations; the /import page does so by itself).',
        ),
      ];
    return [parseImportItem(item, name)];
  });
}
