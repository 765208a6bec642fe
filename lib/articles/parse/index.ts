// The article-import parsers: bytes and objects in, normalised articles (or reasons) out.
// Pure: no database, no file system; the import service decides what is stored.
export { canonicalizeUrl } from './canonical-url.ts';
export { decodeText, type DecodedText } from './decode-text.ts';
export { IMPORT_FILE_EXTENSIONS, parseImportFile } from './import-file.ts';
export { parseImportItem } from './import-item.ts';
export { PARSE_LIMITS } from './limits.ts';
export type { ParsedArticle, ParsedItem } from './model.ts';
