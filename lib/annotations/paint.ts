/**
 * What the annotator needs to paint an article's highlights, and nothing more: the heavy
 * fields (note, attributes, context, comments, history) load on demand when a panel opens.
 * Pure and shared by the page payload, the live event stream and the browser.
 */
import { ANNOTATION_KINDS, ANNOTATION_STATUSES, RELATION_TYPES, type AnnotationKindName, type AnnotationStatusName, type RelationTypeName } from './model.ts';

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
 * The wire form of PaintData. An article can carry thousands of annotations and they travel in
 * the page's RSC payload, which the HTML embeds as an escaped string: so annotations and
 * relations are rows of comma-separated fields joined by `;` (ids are cuids, numbers decimal),
 * which need no escaping twice and cost the server no per-item serialisation. Authors are
 * indices into `u`, the only part that holds free text (names), as JSON.
 *   a: `id,flags,start,length,author,version`, flags = kind × 6 + status × 2 + unattributed
 *      (kind and status as indices into PACKED_KINDS and PACKED_STATUSES, unattributed 0 or 1)
 *   r: `id,fromId,toId,type,author` (type: index into PACKED_RELATION_TYPES)
 */
export interface PackedPaintData {
  a: string;
  r: string;
  u: [id: string, name: string][];
  /** Changes whenever what is painted changes: compared once the live stream listens, to catch writes made in between. */
  f: string;
}

export const PACKED_KINDS: readonly AnnotationKindName[] = ANNOTATION_KINDS;
export const PACKED_STATUSES: readonly AnnotationStatusName[] = ANNOTATION_STATUSES;
export const PACKED_RELATION_TYPES: readonly RelationTypeName[] = RELATION_TYPES;

/**
 * The SQL that packs a column as its index in `order`: `CASE a.kind WHEN 'CLAIM' THEN 0 WHEN
 * 'EVENT' THEN 1 ELSE 2 END`, from the stored values (lib/annotations/model.ts), so the paint
 * query and unpackPaintData agree by construction.
 */
export function packedIndexSql<T extends string>(column: string, order: readonly T[], stored: Record<T, string>): string {
  const whens = order.slice(0, -1).map((value, i) => `WHEN '${stored[value]}' THEN ${i}`);
  return `CASE ${column} ${whens.join(' ')} ELSE ${order.length - 1} END`;
}

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
      type: PACKED_RELATION_TYPES[Number(type)] ?? 'attributed_to',
      authorId: authorId(author),
    })),
  };
}
