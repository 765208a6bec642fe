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

/**
 * Which kinds a relation may join, from -> to (docs/architecture.md "Data model and its invariants"): a claim is attributed to a source,
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
 * The wire form of PaintData. An article can carry thousands of annotations and they travel in
 * the page's RSC payload, which the HTML embeds as an escaped string: so annotations and
 * relations are rows of comma-separated fields joined by `;` (ids are cuids, numbers decimal),
 * which need no escaping twice and cost the server no per-item serialisation. Authors are
 * indices into `u`, the only part that holds free text (names), as JSON.
 *   a: `id,flags,start,length,author,version`, flags = kind × 6 + status × 2 + unattributed
 *      (kind and status as indices into PACKED_KINDS and PACKED_STATUSES, unattributed 0 or 1)
 *   r: `id,fromId,toId,type,author` (type: index into RELATION_TYPES)
 */
export interface PackedPaintData {
  a: string;
  r: string;
  u: [id: string, name: string][];
  /** Changes whenever what is painted changes: compared once the live stream listens, to catch writes made in between. */
  f: string;
}

export const PACKED_KINDS: readonly AnnotationKindName[] = ['claim', 'event', 'source'];
export const PACKED_STATUSES: readonly AnnotationStatusName[] = ['pending', 'approved', 'rejected'];

const rows = (packed: string) => (packed ? packed.split(';').map((row) => row.split(',')) : []);

export function unpackPaintData(packed: PackedPaintData): PaintData {
  const users: Record<string, string> = {};
  for (const [id, name] of packed.u) users[id] = name;
  const authorId = (index: string | undefined) => packed.u[Number(index)]?.[0] ?? '';
  return {
    users,
    annotations: rows(packed.a).map(([id = '', flags, start, length, author, version]) => {
      const bits = Number(flags);
      return {
        id,
        kind: PACKED_KINDS[Math.floor(bits / 6)] ?? 'claim',
        start: Number(start),
        end: Number(start) + Number(length),
        status: PACKED_STATUSES[Math.floor(bits / 2) % 3] ?? 'pending',
        authorId: authorId(author),
        version: Number(version),
        unattributed: bits % 2 === 1,
      };
    }),
    relations: rows(packed.r).map(([id = '', fromId = '', toId = '', type, author]) => ({
      id,
      fromId,
      toId,
      type: RELATION_TYPES[Number(type)] ?? 'attributed_to',
      authorId: authorId(author),
    })),
  };
}
