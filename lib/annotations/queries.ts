import { truncate } from '@/lib/text/truncate.ts';
import { db, Prisma } from '@/lib/db.ts';
import { toHistoryItem, type HistoryItem, type HistoryRow } from './history-diff.ts';
import { STORED_KIND, STORED_RELATION_TYPE, STORED_STATUS, type AnnotationDetail, type AnnotationRelationDetail, type AnnotationView } from './model.ts';
import { packedIndexSql, PACKED_KINDS, PACKED_RELATION_TYPES, PACKED_STATUSES, type PackedPaintData } from './paint.ts';

export type { FieldChange, HistoryItem } from './history-diff.ts';

export const annotationViewSelect = {
  id: true,
  articleId: true,
  kind: true,
  start: true,
  end: true,
  exact: true,
  prefix: true,
  suffix: true,
  note: true,
  attributes: true,
  unattributed: true,
  status: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  author: { select: { id: true, name: true } },
} as const;

export function toAnnotationView(row: Prisma.AnnotationGetPayload<{ select: typeof annotationViewSelect }>): AnnotationView {
  return { ...row, attributes: row.attributes as Record<string, unknown> };
}

/** One annotation as the API shows it, or null. */
export async function findAnnotationView(id: string): Promise<AnnotationView | null> {
  const row = await db().annotation.findUnique({ where: { id }, select: annotationViewSelect });
  return row && toAnnotationView(row);
}

export async function listAnnotations(articleId: string): Promise<AnnotationView[] | null> {
  const article = await db().article.findUnique({ where: { id: articleId }, select: { id: true } });
  if (!article) return null;
  const rows = await db().annotation.findMany({
    where: { articleId },
    orderBy: [{ start: 'asc' }, { end: 'desc' }, { id: 'asc' }],
    select: annotationViewSelect,
  });
  return rows.map(toAnnotationView);
}

// ─── The side panel ─────────────────────────────────────────────────────────────────

/** How much of the other end's quote a relation carries: enough to recognise it in a panel. */
export const RELATED_EXACT_MAX = 200;

const otherEnd = { select: { id: true, kind: true, exact: true, status: true } } as const;
const person = { select: { id: true, name: true } } as const;

/**
 * The relations of several annotations, both directions, in one query: per annotation outgoing
 * first, each oldest first, as the side panel and the review queue list them.
 */
export async function relationsOf(ids: readonly string[]): Promise<Map<string, AnnotationRelationDetail[]>> {
  const byAnnotation = new Map<string, AnnotationRelationDetail[]>();
  if (ids.length === 0) return byAnnotation;
  const rows = await db().relation.findMany({
    where: { OR: [{ fromId: { in: [...ids] } }, { toId: { in: [...ids] } }] },
    select: { id: true, type: true, fromId: true, toId: true, author: person, from: otherEnd, to: otherEnd },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const wanted = new Set(ids);
  const other = (a: (typeof rows)[number]['to']) => ({ ...a, exact: truncate(a.exact, RELATED_EXACT_MAX, { unit: 'utf16' }) });
  const add = (id: string, relation: AnnotationRelationDetail) => byAnnotation.set(id, [...(byAnnotation.get(id) ?? []), relation]);
  for (const direction of ['outgoing', 'incoming'] as const) {
    for (const r of rows) {
      const self = direction === 'outgoing' ? r.fromId : r.toId;
      if (wanted.has(self)) add(self, { id: r.id, type: r.type, direction, other: other(direction === 'outgoing' ? r.to : r.from), author: r.author });
    }
  }
  return byAnnotation;
}

/** The annotation with its relations (both directions), review history and comment count; null when unknown. */
export async function getAnnotationDetail(id: string): Promise<AnnotationDetail | null> {
  const [row, relations] = await Promise.all([
    db().annotation.findUnique({
      where: { id },
      select: {
        ...annotationViewSelect,
        decisions: {
          select: { id: true, decision: true, comment: true, annotationVersion: true, createdAt: true, reviewer: person },
          orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        },
        _count: { select: { comments: true } },
      },
    }),
    relationsOf([id]),
  ]);
  if (!row) return null;
  const { decisions, _count, ...view } = row;
  return {
    ...toAnnotationView(view),
    relations: relations.get(id) ?? [],
    decisions,
    commentCount: _count.comments,
  };
}

// ─── History ────────────────────────────────────────────────────────────────────────

export interface AnnotationHistory {
  items: HistoryItem[];
}

/**
 * The events that concern one annotation, oldest first, in one statement:
 * - its own (create, update, review, delete): the (entity, entityId, createdAt) index;
 * - its comments' ("Comment" by annotationId, then the same index by the comment's id);
 * - its links' and unlinks': a relation's event names the relation, and its before/after JSON names
 *   both ends. A deleted relation has no row left to join, so the JSON is read. No index covers
 *   that yet, so this branch reads every Relation event; an expression index on
 *   COALESCE(after, before)->>'fromId' and ->>'toId' (WHERE entity = 'Relation') would.
 */
function historyQuery(id: string): Prisma.Sql {
  const ends = Prisma.sql`COALESCE(e."after", e."before")`;
  return Prisma.sql`
    WITH events AS (
      SELECT e.* FROM "AuditEvent" e WHERE e."entity" = 'Annotation' AND e."entityId" = ${id}
      UNION ALL
      SELECT e.* FROM "AuditEvent" e
       WHERE e."entity" = 'Comment' AND e."entityId" IN (SELECT c."id" FROM "Comment" c WHERE c."annotationId" = ${id})
      UNION ALL
      SELECT e.* FROM "AuditEvent" e
       WHERE e."entity" = 'Relation' AND (${ends} ->> 'fromId' = ${id} OR ${ends} ->> 'toId' = ${id})
    )
    SELECT e."id", e."action", e."entityId", e."before", e."after", e."createdAt", e."actorId",
           u."name" AS "actorName", o."id" AS "otherId", o."kind"::text AS "otherKind", o."exact" AS "otherExact"
      FROM events e
      LEFT JOIN "User" u ON u."id" = e."actorId"
      LEFT JOIN "Annotation" o ON e."entity" = 'Relation'
           AND o."id" = CASE WHEN ${ends} ->> 'fromId' = ${id} THEN ${ends} ->> 'toId' ELSE ${ends} ->> 'fromId' END
     ORDER BY e."createdAt", e."id"`;
}

/**
 * An annotation's whole timeline, read from the audit trail: created, each edit field by field,
 * decisions, comments, links and unlinks, oldest first. Null for an unknown annotation.
 */
export async function getAnnotationHistory(annotationId: string): Promise<AnnotationHistory | null> {
  const [annotation, rows] = await Promise.all([
    db().annotation.findUnique({ where: { id: annotationId }, select: { id: true } }),
    db().$queryRaw<HistoryRow[]>(historyQuery(annotationId)),
  ]);
  if (!annotation) return null;
  const items: HistoryItem[] = [];
  for (const row of rows) {
    const item = toHistoryItem(row, annotationId);
    if (item) items.push(item);
  }
  return { items };
}

// ─── Paint data ─────────────────────────────────────────────────────────────────────

const PACKED_KIND_SQL = Prisma.raw(packedIndexSql('a.kind', PACKED_KINDS, STORED_KIND));
const PACKED_STATUS_SQL = Prisma.raw(packedIndexSql('a.status', PACKED_STATUSES, STORED_STATUS));
const PACKED_RELATION_TYPE_SQL = Prisma.raw(packedIndexSql('r.type', PACKED_RELATION_TYPES, STORED_RELATION_TYPE));

/**
 * An article's paint data, packed by PostgreSQL itself into one row of delimited text, so
 * thousands of annotations cost one round trip and no per-row mapping in Node.
 * Rows come in no particular order (the annotator sorts). Null when the article does not
 * exist. Kinds, statuses and relation types are packed as their indices (packedIndexSql in paint.ts).
 */
export async function getPackedPaintData(articleId: string): Promise<PackedPaintData | null> {
  const rows = await db().$queryRaw<{ found: boolean; a: string; r: string; u: string; f: string }[]>`
    WITH a AS (
      SELECT id, kind, start, "end", status, "authorId", version, unattributed FROM "Annotation" WHERE "articleId" = ${articleId}
    ), r AS (
      SELECT r.id, r."fromId", r."toId", r.type, r."authorId" FROM "Relation" r JOIN "Annotation" f ON f.id = r."fromId" WHERE f."articleId" = ${articleId}
    ), authors AS (
      SELECT COALESCE(array_agg(id ORDER BY id), '{}') AS ids FROM (SELECT "authorId" AS id FROM a UNION SELECT "authorId" FROM r) x
    )
    SELECT
      EXISTS (SELECT 1 FROM "Article" WHERE id = ${articleId}) AS found,
      COALESCE((SELECT string_agg(concat_ws(',', a.id,
          (${PACKED_KIND_SQL}) * 6
            + (${PACKED_STATUS_SQL}) * 2 + a.unattributed::int,
          a.start, a."end" - a.start, array_position(authors.ids, a."authorId") - 1, a.version), ';')
        FROM a, authors), '') AS a,
      COALESCE((SELECT string_agg(concat_ws(',', r.id, r."fromId", r."toId",
          ${PACKED_RELATION_TYPE_SQL}, array_position(authors.ids, r."authorId") - 1), ';')
        FROM r, authors), '') AS r,
      COALESCE((SELECT json_agg(json_build_array(usr.id, usr.name) ORDER BY x.ord)
        FROM authors, unnest(authors.ids) WITH ORDINALITY AS x(id, ord) JOIN "User" usr ON usr.id = x.id), '[]'::json)::text AS u,
      ${fingerprintSql('a', 'r')} AS f`;
  const row = rows[0];
  if (!row?.found) return null;
  return { a: row.a, r: row.r, u: JSON.parse(row.u) as PackedPaintData['u'], f: row.f };
}

// A digest of every painted row's id, version and status, and of the relations' ids: any write,
// deletion or link moves it (change times would not: they are stamped before commit). Sums of
// hashes need no sorting, so the page's query pays about half a millisecond for it.
const fingerprintSql = (a: 'a', r: 'r') =>
  Prisma.raw(
    `concat_ws(':', (SELECT count(*) || ':' || COALESCE(sum(hashtext(id || ':' || version || ':' || status)), 0) FROM ${a}), (SELECT count(*) || ':' || COALESCE(sum(hashtext(id)), 0) FROM ${r}))`,
  );

/** The fingerprint alone (see PackedPaintData.f); null when the article does not exist. */
export async function getPaintFingerprint(articleId: string): Promise<string | null> {
  const rows = await db().$queryRaw<{ found: boolean; f: string }[]>`
    WITH a AS (SELECT id, version, status FROM "Annotation" WHERE "articleId" = ${articleId}),
    r AS (SELECT r.id FROM "Relation" r JOIN "Annotation" f ON f.id = r."fromId" WHERE f."articleId" = ${articleId})
    SELECT EXISTS (SELECT 1 FROM "Article" WHERE id = ${articleId}) AS found, ${fingerprintSql('a', 'r')} AS f`;
  return rows[0]?.found ? rows[0].f : null;
}
