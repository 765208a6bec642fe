import { presetReasonOf } from '@/lib/review/reasons.ts';
import type { ReasonCount } from './model.ts';

export const OTHER_REASON = 'Other (own words)' as const;

/**
 * Rejection comments counted by text, grouped by the preset they start with (`presetReasonOf`);
 * a reviewer's own words count as one "other" group. Most frequent first, then by name. Pure.
 */
export function groupRejectionReasons(comments: readonly { comment: string | null; count: number }[]): ReasonCount[] {
  const counts = new Map<ReasonCount['reason'], number>();
  for (const { comment, count } of comments) {
    const reason = presetReasonOf(comment?.trim()) ?? OTHER_REASON;
    counts.set(reason, (counts.get(reason) ?? 0) + count);
  }
  return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}
