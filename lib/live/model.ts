import type { PaintAnnotation, PaintRelation } from '@/lib/annotations/paint.ts';

/**
 * The messages of the live stream (`GET /api/articles/:id/events`, one JSON object per
 * server-sent event). `listening` says that from now on nothing is missed (the server LISTENs);
 * `resync` asks the client to reload the paint data: it may have missed messages (it or the
 * listener reconnected). `reconnecting` says the server lost its connection to the database:
 * nothing is heard until the `resync` that follows its return.
 */
export type LiveMessage =
  | { t: 'annotation'; op: 'upsert'; articleId: string; annotation: PaintAnnotation; authorName: string }
  | { t: 'annotation'; op: 'delete'; articleId: string; id: string }
  | { t: 'relation'; op: 'create'; articleId: string; relation: PaintRelation }
  | { t: 'relation'; op: 'delete'; articleId: string; id: string }
  | { t: 'comment'; op: 'create'; articleId: string; annotationId: string; commentId: string; authorId: string }
  | { t: 'listening' }
  | { t: 'reconnecting' }
  | { t: 'resync' };
