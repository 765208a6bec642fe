import { csvRow } from '@/lib/csv.ts';
import { canonicalItem, compareIds, sortKeysDeep } from './order.ts';
import type { ExportItem } from './model.ts';

/**
 * CSV: one row per annotation. RFC 4180 with CRLF line ends and formula-injection protection
 * (lib/csv.ts). Offsets are UTF-16 code units, as in the JSON API.
 * Attributes are flattened as `key=value; key=value` with sorted keys; strings are written as they
 * are, other values as JSON (`checkworthy=true`, `participants=["A","B"]`). Relations are not in
 * the CSV (JSONL, W3C and brat carry them).
 */
export const CSV_COLUMNS = [
  'article_id',
  'article_title',
  'annotation_id',
  'kind',
  'start',
  'end',
  'quote',
  'note',
  'attributes',
  'status',
  'author',
  'author_email',
  'reviewer',
  'reviewer_email',
  'decision_comment',
  'decided_at',
] as const;

const BOM = '\uFEFF';

/** The header line; with `bom`, preceded by a UTF-8 byte order mark for spreadsheet programs. */
export function csvHeader({ bom = false }: { bom?: boolean } = {}): string {
  return (bom ? BOM : '') + csvRow(CSV_COLUMNS);
}

/** `key=value; …` with sorted keys; strings as they are, other values as JSON; undefined skipped. */
export function flattenAttributes(attributes: Record<string, unknown>): string {
  return Object.keys(attributes)
    .sort(compareIds)
    .filter((key) => attributes[key] !== undefined)
    .map((key) => {
      const value = attributes[key];
      return `${key}=${typeof value === 'string' ? value : JSON.stringify(sortKeysDeep(value))}`;
    })
    .join('; ');
}

/** The rows of one article's annotations (no header), in start/end/id order. */
export function csvRows(input: ExportItem): string {
  const { article, annotations } = canonicalItem(input);
  return annotations
    .map((a) =>
      csvRow([
        article.id,
        article.title,
        a.id,
        a.kind,
        a.start,
        a.end,
        a.exact,
        a.note,
        flattenAttributes(a.attributes),
        a.status,
        a.author.name,
        a.author.email,
        a.decision?.reviewer.name,
        a.decision?.reviewer.email,
        a.decision?.comment,
        a.decision?.createdAt,
      ]),
    )
    .join('');
}
