/**
 * What the annotator needs to paint an article's highlights, and nothing more: the heavy
 * fields (note, attributes, context, comments, history) load on demand when a panel opens.
 * Pure and shared by the page payload, the live event stream and the browser.
 */
import type { AnnotationKindName } from './schemas.ts';

export type AnnotationStatusName = 'pending' | 'approved' | 'rejected';
export const RELATION_TYPES = ['attributed_to', 'reported_by', 'about'] as const;
export type RelationTypeName = (typeof RELATION_TYPES)[number];

export interface PaintAnnotation {
  id: string;
  kind: AnnotationKindName;
  start: number;
  end: number;
  status: AnnotationStatusName;
  authorId: string;
  version: number;
  unattributed: boolean;
}

export interface PaintRelation {
  id: string;
  fromId: string;
  toId: string;
  type: RelationTypeName;
  authorId: string;
}

/** Everything the annotator paints an article with; `users` maps author ids to names. */
export interface PaintData {
  annotations: PaintAnnotation[];
  relations: PaintRelation[];
  users: Record<string, string>;
}

/**
 * The messages of the live stream (`GET /api/articles/:id/events`, one JSON object per
 * server-sent event). `resync` asks the client to reload the paint data: it may have missed
 * messages (the listener reconnected to the database).
 */
export type LiveMessage =
  | { t: 'annotation'; op: 'upsert'; articleId: string; annotation: PaintAnnotation; authorName: string }
  | { t: 'annotation'; op: 'delete'; articleId: string; id: string }
  | { t: 'relation'; op: 'create'; articleId: string; relation: PaintRelation }
  | { t: 'relation'; op: 'delete'; articleId: string; id: string }
  | { t: 'comment'; op: 'create'; articleId: string; annotationId: string; commentId: string; authorId: string }
  | { t: 'resync' };

/**
 * Which kinds a relation may join, from -> to (DESIGN.md): a claim is attributed to a source,
 * an event is reported by a source, a claim is about an event.
 */
export const RELATION_PAIRS: Record<RelationTypeName, { from: AnnotationKindName; to: AnnotationKindName }> = {
  attributed_to: { from: 'claim', to: 'source' },
  reported_by: { from: 'event', to: 'source' },
  about: { from: 'claim', to: 'event' },
};

/** The relation type that joins these two kinds in this direction, if any. */
export function relationTypeFor(from: AnnotationKindName, to: AnnotationKindName): RelationTypeName | null {
  for (const type of RELATION_TYPES) if (RELATION_PAIRS[type].from === from && RELATION_PAIRS[type].to === to) return type;
  return null;
}

/**
 * The wire form of PaintData: tuples and small integers instead of objects, about a third of
 * the bytes, because an article can carry thousands of annotations and this travels in the
 * page's RSC payload. Authors are indices into `u`.
 */
export type PackedAnnotation = [id: string, kind: number, start: number, end: number, status: number, author: number, version: number, unattributed: 0 | 1];
export type PackedRelation = [id: string, fromId: string, toId: string, type: number, author: number];
export interface PackedPaintData {
  a: PackedAnnotation[];
  r: PackedRelation[];
  u: [id: string, name: string][];
}

export const PACKED_KINDS: readonly AnnotationKindName[] = ['claim', 'event', 'source'];
export const PACKED_STATUSES: readonly AnnotationStatusName[] = ['pending', 'approved', 'rejected'];

export function unpackPaintData(packed: PackedPaintData): PaintData {
  const users: Record<string, string> = {};
  for (const [id, name] of packed.u) users[id] = name;
  const authorId = (index: number) => packed.u[index]?.[0] ?? '';
  return {
    users,
    annotations: packed.a.map(([id, kind, start, end, status, author, version, unattributed]) => ({
      id,
      kind: PACKED_KINDS[kind] ?? 'claim',
      start,
      end,
      status: PACKED_STATUSES[status] ?? 'pending',
      authorId: authorId(author),
      version,
      unattributed: unattributed === 1,
    })),
    relations: packed.r.map(([id, fromId, toId, type, author]) => ({ id, fromId, toId, type: RELATION_TYPES[type] ?? 'attributed_to', authorId: authorId(author) })),
  };
}
