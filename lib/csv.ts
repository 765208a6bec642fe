/**
 * The one CSV writer of the app (annotation export, progress tables): RFC 4180 (CRLF line ends,
 * fields with a comma, a quote or a line break quoted, quotes doubled). Text that a spreadsheet
 * would run as a formula gets a leading single quote, as OWASP advises: text starting with
 * = + - @, a tab or a carriage return, also behind leading white space (which some spreadsheets
 * skip), and the fullwidth ＝ ＋ － ＠ (which some take for the ASCII signs). Numbers are written
 * as numbers. Pure.
 */
export type CsvCell = string | number | null | undefined | Date;

const FORMULA_START = /^(?:[\t\r]|\s*[=+\-@\uff1d\uff0b\uff0d\uff20])/u;

export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value instanceof Date ? value.toISOString() : value;
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One line: the cells, comma-separated, ending in CRLF. */
export const csvRow = (cells: readonly CsvCell[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map(csvRow).join('');
}
