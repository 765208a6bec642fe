import { toCsv } from '@/lib/csv.ts';
import type { AnnotatorProgress, ArticleProgress, ReviewerProgress } from './model.ts';

/** The progress tables as CSV (lib/csv.ts writes the cells). Pure. */

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
