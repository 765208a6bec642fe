import { z } from 'zod';
import { optionalField, utcDayRange, utcDaySchema } from '@/lib/validation.ts';
import { ANNOTATION_KINDS, DECISIONS } from '@/lib/annotations/model.ts';
import { DISALLOWED_TEXT_CHARS, KIND_REFUSAL } from '@/lib/annotations/schemas.ts';
import { entityIdSchema } from '@/lib/ids.ts';
import { decodeOpaque, encodeOpaque } from '@/lib/http/opaque-cursor.ts';

/**
 * The bodies and the query of the review API (docs/api.md "Conventions"). Objects are strict: a body
 * naming a reviewer, a status or a time is refused, never half-applied. Pure, for the client too.
 */

export const REVIEW_COMMENT_MAX = 2_000;
export const BULK_MAX = 200;
export const QUEUE_PAGE_SIZE = 25;
export const QUEUE_PAGE_MAX = 100;
export const REJECTION_NEEDS_REASON = 'Give a reason for the rejection.';

const version = z.number('The version is a number.').int('The version is a whole number.').min(1, 'The version starts at 1.');

/** `POST /api/annotations/:id/review`: a decision on the version the reviewer saw. */
export const reviewSchema = z
  .object({
    decision: z.enum(DECISIONS, 'The decision is approve or reject.'),
    comment: z
      .string('The comment is text.')
      .trim()
      .max(REVIEW_COMMENT_MAX, `A comment has at most ${REVIEW_COMMENT_MAX.toLocaleString('en')} characters.`)
      .refine((s) => !DISALLOWED_TEXT_CHARS.test(s), 'The comment contains characters that are not allowed.')
      .optional(),
    version,
  })
  .strict()
  .refine((v) => v.decision !== 'reject' || Boolean(v.comment), { path: ['comment'], message: REJECTION_NEEDS_REASON })
  // A blank comment is no comment.
  .transform((v) => ({ decision: v.decision, comment: v.comment ? v.comment : null, version: v.version }));
export type ReviewInput = z.output<typeof reviewSchema>;

/** `POST /api/review/bulk`: approvals only (a rejection needs its own reason). */
export const bulkReviewSchema = z
  .object({
    decision: z.literal('approve', 'Only approvals can be made in bulk.'),
    items: z
      .array(z.object({ id: entityIdSchema, version }).strict(), 'Items are a list of { id, version }.')
      .min(1, 'Select at least one annotation.')
      .max(BULK_MAX, `At most ${BULK_MAX} annotations at once.`)
      .refine((items) => new Set(items.map((i) => i.id)).size === items.length, 'Each annotation can be listed once.'),
  })
  .strict();
export type BulkReviewInput = z.output<typeof bulkReviewSchema>;

// ─── The queue ──────────────────────────────────────────────────────────────────────

/** The position after the last item of a page: the queue's ORDER BY columns. */
export interface QueueCursor {
  createdAt: string;
  id: string;
}

const cursorTuple = z.tuple([z.iso.datetime(), entityIdSchema]);

/** On the wire a cursor is base64url(JSON) of [createdAt, id]: opaque to clients. */
export function encodeQueueCursor(cursor: QueueCursor): string {
  return encodeOpaque([cursor.createdAt, cursor.id]);
}

/** The cursor, or null when it is not one we issued (hand-edited, truncated). */
export function decodeQueueCursor(raw: string): QueueCursor | null {
  const tuple = decodeOpaque(raw, cursorTuple, 200);
  return tuple ? { createdAt: tuple[0], id: tuple[1] } : null;
}

/** `GET /api/review/queue?kind=&articleId=&authorId=&from=&to=&cursor=&limit=`; dates are whole UTC days of creation. */
export const reviewQueueQuerySchema = z
  .object({
    kind: optionalField(z.enum(ANNOTATION_KINDS, KIND_REFUSAL)),
    articleId: optionalField(entityIdSchema),
    authorId: optionalField(entityIdSchema),
    from: optionalField(utcDaySchema),
    to: optionalField(utcDaySchema),
    cursor: optionalField(z.string()),
    limit: optionalField(
      z.coerce
        .number('The limit is a number.')
        .int('The limit is a whole number.')
        .min(1, 'The limit is at least 1.')
        .max(QUEUE_PAGE_MAX, `The limit is at most ${QUEUE_PAGE_MAX}.`),
    ),
  })
  .transform((input, ctx) => {
    const days = utcDayRange(input, ctx);
    if (!days) return z.NEVER;
    const cursor = input.cursor === undefined ? undefined : decodeQueueCursor(input.cursor);
    if (cursor === null) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: 'Not a valid cursor; start again from the first page.' });
      return z.NEVER;
    }
    return {
      kind: input.kind,
      articleId: input.articleId,
      authorId: input.authorId,
      ...days,
      cursor,
      limit: input.limit ?? QUEUE_PAGE_SIZE,
    };
  });
export type ReviewQueueQuery = z.output<typeof reviewQueueQuerySchema>;
