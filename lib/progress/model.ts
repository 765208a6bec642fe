import type { AnnotationCounts } from '@/lib/articles/annotation-counts.ts';
import type { RejectReason } from '@/lib/review/reasons.ts';

/** The rows of the progress tables (lib/progress/queries.ts), shared with the pure CSV writer. */

/** An article's annotations by kind and by status, as the article list counts them. */
export interface ArticleProgress extends AnnotationCounts {
  id: string;
  title: string;
  total: number;
  /** (approved + rejected) / total, 0..1. */
  reviewedShare: number;
}

/** A reason as the progress page groups it: a preset, or "other" for the reviewer's own words. */
export interface ReasonCount {
  reason: RejectReason | 'Other (own words)';
  count: number;
}

export interface AnnotatorProgress {
  id: string;
  name: string;
  created: number;
  pending: number;
  approved: number;
  rejected: number;
  /** approved / (approved + rejected), 0..1; null before any decision. */
  approvalRate: number | null;
  /** Every rejection decision on this person's annotations, by reason, most frequent first. */
  rejectionReasons: ReasonCount[];
}

export interface ReviewerProgress {
  id: string;
  name: string;
  decisions: number;
  last7Days: number;
  last30Days: number;
  approvals: number;
  rejections: number;
  lastDecisionAt: Date | null;
}
