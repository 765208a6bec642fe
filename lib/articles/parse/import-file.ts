import { finishArticle, TEXT_TOO_LONG } from './article-fields.ts';
import { parseCsvItems } from './csv.ts';
import { decodeText } from './decode-text.ts';
import { parseHtmlDocument } from './html.ts';
import { parseJsonItems, parseJsonLinesItems } from './json.ts';
import { PARSE_LIMITS } from './limits.ts';
import { parseMarkdownArticle } from './markdown.ts';
import { parsePlainTextArticle } from './plain-text.ts';
import { certainlyTooLong } from './text-length-bound.ts';
import { failedItem, type ParsedItem } from './model.ts';

const FORMATS = { txt: 'text', md: 'markdown', html: 'html', htm: 'html', json: 'json', jsonl: 'jsonl', csv: 'csv' } as const;
export const IMPORT_FILE_EXTENSIONS = Object.keys(FORMATS).map((ext) => `.${ext}`);

function extensionOf(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

function unsupported(extension: string): string {
  const supported = `use ${IMPORT_FILE_EXTENSIONS.slice(0, -1).join(', ')} or ${IMPORT_FILE_EXTENSIONS.at(-1)}`;
  return extension ? `Files of this type (.${extension}) cannot be imported; ${supported}.` : `The file name has no extension to tell its type; ${supported}.`;
}

function singleArticle(format: 'text' | 'markdown' | 'html', text: string, fileName: string): ParsedItem {
  if (format === 'text') {
    // The size alone can tell: refused before a second of normalising 8 MB (its headline becomes the title).
    if (certainlyTooLong(text, PARSE_LIMITS.maxHeadlineLength)) return failedItem(fileName, TEXT_TOO_LONG);
    return finishArticle(parsePlainTextArticle(text), fileName);
  }
  const parsed = format === 'markdown' ? parseMarkdownArticle(text) : parseHtmlDocument(text);
  return parsed.ok ? finishArticle(parsed.value, fileName) : failedItem(fileName, parsed.error.message);
}

/**
 * Every article in one uploaded file, by extension (.txt .md .html .htm .json .jsonl .csv, any case).
 * A problem with the whole file (unknown type, binary, undecodable, invalid JSON, too deep) is one
 * failed item named after the file; a bad row or line fails alone. Never throws for bad input.
 */
export function parseImportFile(fileName: string, bytes: Uint8Array): ParsedItem[] {
  const extension = extensionOf(fileName);
  if (!Object.hasOwn(FORMATS, extension)) return [failedItem(fileName, unsupported(extension))];
  const format = FORMATS[extension as keyof typeof FORMATS];
  if (bytes.length === 0) return [failedItem(fileName, 'The file is empty.')];
  const decoded = decodeText(bytes);
  if (!decoded.ok) return [failedItem(fileName, decoded.error.message)];
  const { text } = decoded.value;
  switch (format) {
    case 'json':
      return parseJsonItems(text, fileName);
    case 'jsonl':
      return parseJsonLinesItems(text, fileName);
    case 'csv':
      return parseCsvItems(text, fileName);
    default:
      return [singleArticle(format, text, fileName)];
  }
}
