import { db, Prisma } from '@/lib/db.ts';
import { toHistoryItem, type HistoryItem, type HistoryRow } from './history-diff.ts';

export type { FieldChange, HistoryItem } from './history-diff.ts';

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
