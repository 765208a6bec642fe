/**
 * The live messages as they arrive from PostgreSQL (NOTIFY on LIVE_CHANNEL, written by the
 * triggers of the migration "live_notify"): parsed and checked before anything is passed on,
 * so a malformed or foreign payload on the channel is dropped, never forwarded to a browser.
 * Pure: no database here.
 */
import { z } from 'zod';
import { ANNOTATION_KINDS, ANNOTATION_STATUSES, RELATION_TYPES } from '@/lib/annotations/model.ts';
import type { LiveMessage } from './model.ts';

/** The PostgreSQL NOTIFY channel the triggers write to. */
export const LIVE_CHANNEL = 'newsmark_live';

/** A live message that belongs to one article (what the database sends about annotations, relations and comments). */
export type ArticleLiveMessage = Exclude<LiveMessage, { t: 'resync' } | { t: 'listening' } | { t: 'reconnecting' }>;

/**
 * A user was disabled, changed role or changed password (migration "live_account"): their open
 * streams check again at once whether they may go on. Never forwarded to a browser.
 */
export interface AccountLiveMessage {
  t: 'account';
  userId: string;
}

const id = z.string().min(1).max(200);
const offset = z.number().int().nonnegative();

const paintAnnotationSchema = z.object({
  id,
  kind: z.enum(ANNOTATION_KINDS),
  start: offset,
  end: offset,
  status: z.enum(ANNOTATION_STATUSES),
  authorId: id,
  version: z.number().int().positive(),
  unattributed: z.boolean(),
});

const paintRelationSchema = z.object({ id, fromId: id, toId: id, type: z.enum(RELATION_TYPES), authorId: id });

const articleLiveMessageSchema = z.union([
  z.object({ t: z.literal('annotation'), op: z.literal('upsert'), articleId: id, annotation: paintAnnotationSchema, authorName: z.string().max(1000) }),
  z.object({ t: z.literal('annotation'), op: z.literal('delete'), articleId: id, id }),
  z.object({ t: z.literal('relation'), op: z.literal('create'), articleId: id, relation: paintRelationSchema }),
  z.object({ t: z.literal('relation'), op: z.literal('delete'), articleId: id, id }),
  z.object({ t: z.literal('comment'), op: z.literal('create'), articleId: id, annotationId: id, commentId: id, authorId: id }),
]) satisfies z.ZodType<ArticleLiveMessage>;

const accountLiveMessageSchema = z.object({ t: z.literal('account'), userId: id }) satisfies z.ZodType<AccountLiveMessage>;
const channelMessageSchema = z.union([articleLiveMessageSchema, accountLiveMessageSchema]);

/**
 * The message a NOTIFY payload carries, or null when it is not one: not JSON, another shape,
 * or a `resync` or `reconnecting` (which only a listener itself issues, to its own subscribers). Unknown extra
 * fields are dropped, so only the contract's fields ever reach a browser.
 */
export function parseLiveMessage(payload: string | undefined): ArticleLiveMessage | AccountLiveMessage | null {
  if (!payload) return null;
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = channelMessageSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
