/**
 * The reasons a reviewer can pick when rejecting (issue 5: "a few preset reasons or free text").
 * Pure, for the queue, the annotator's panel and the progress page's "rejection reasons". A
 * preset is stored as its text, so the comment reads the same wherever it is shown; the
 * reviewer may add to it or write something else.
 */
export const REJECT_REASONS = [
  'The span is wrong (too long or too short)',
  'Wrong kind',
  'Not a claim: opinion, question or quote of no fact',
  'Misattributed: the source is wrong',
  'Duplicate of another annotation',
  'Attributes are wrong',
] as const;
export type RejectReason = (typeof REJECT_REASONS)[number];

/** A rejection's comment from a preset reason and the reviewer's own words, either optional: what presetReasonOf reads back. */
export const composeRejection = (preset: string, words: string) => [preset, words.trim()].filter(Boolean).join(': ');

/** The preset a comment starts with, if any: how the progress page groups rejection reasons. */
export function presetReasonOf(comment: string | null | undefined): RejectReason | null {
  if (!comment) return null;
  return (
    REJECT_REASONS.find(
      (reason) => comment === reason || comment.startsWith(`${reason}.`) || comment.startsWith(`${reason}:`) || comment.startsWith(`${reason} `),
    ) ?? null
  );
}
