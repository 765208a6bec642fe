import type { AnnotatorProgress, ArticleProgress, ReviewerProgress } from './types.ts';

/**
 * CSV of the progress tables: RFC 4180 (CRLF line ends, fields with a comma, a quote or a line
 * break quoted, quotes doubled). Text that a spreadsheet would run as a formula gets a leading
 * single quote, as OWASP advises: text starting with = + - @, a tab or a carriage return, also
 * behind leading white space (which some spreadsheets skip), and the fullwidth ＝ ＋ － ＠ (which
 * some take for the ASCII signs). Numbers are written as numbers. Pure; the annotation
 * export's CSV uses the same cells.
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

export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',') + '\r\n').join('');
}

/** A share 0..1 as a percentage with one decimal (e.g. 66.7), empty when undefined. */
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

export function articlesCsv(rows: readonly ArticleProgress[]): string {
  return toCsv(
    ['article_id', 'title', 'annotations', 'claims', 'events', 'sources', 'pending', 'approved', 'rejected', 'reviewed_percent'],
    rows.map((r) => [r.id, r.title, r.total, r.claims, r.events, r.sources, r.pending, r.approved, r.rejected, percent(r.reviewedShare)]),
  );
}

export function annotatorsCsv(rows: readonly AnnotatorProgress[]): string {
  return toCsv(
    ['user_id', 'name', 'created', 'pending', 'approved', 'rejected', 'approval_rate_percent', 'rejection_reasons'],
    rows.map((r) => [
      r.id,
      r.name,
      r.created,
      r.pending,
      r.approved,
      r.rejected,
      percent(r.approvalRate),
      r.rejectionReasons.map((x) => `${x.reason} (${x.count})`).join('; '),
    ]),
  );
}

export function reviewersCsv(rows: readonly ReviewerProgress[]): string {
  return toCsv(
    ['user_id', 'name', 'decisions', 'last_7_days', 'last_30_days', 'approvals', 'rejections', 'last_decision_at'],
    rows.map((r) => [r.id, r.name, r.decisions, r.last7Days, r.last30Days, r.approvals, r.rejections, r.lastDecisionAt]),
  );
}
