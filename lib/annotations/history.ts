import { db, Prisma } from '../db.ts';
import { diffSnapshots, type HistoryItem } from './history-diff.ts';
import { kindFromDb } from './schemas.ts';

export type { FieldChange, HistoryItem } from './history-diff.ts';

export interface AnnotationHistory {
  items: HistoryItem[];
}

/** One audit event touching the annotation, with its actor's name and, for a link, the annotation at the other end. */
interface HistoryRow {
  id: string;
  action: string;
  entityId: string;
  before: Prisma.JsonValue;
  after: Prisma.JsonValue;
  createdAt: Date;
  actorId: string | null;
  actorName: string | null;
  otherId: string | null;
  otherKind: 'CLAIM' | 'EVENT' | 'SOURCE' | null;
  otherExact: string | null;
}

type Json = Record<string, unknown>;
const asRecord = (value: Prisma.JsonValue): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const int = (value: unknown): number | null => (typeof value === 'number' && Number.isInteger(value) ? value : null);

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

/** An audit row as a timeline entry; null for an action the timeline does not show. */
export function toHistoryItem(row: HistoryRow, annotationId: string): HistoryItem | null {
  const base = { id: row.id, at: row.createdAt, actor: row.actorId ? { id: row.actorId, name: row.actorName ?? '' } : null };
  const before = asRecord(row.before);
  const after = asRecord(row.after);
  switch (row.action) {
    case 'annotation.create':
    case 'annotation.import': {
      const start = int(after.start);
      const end = int(after.end);
      return {
        ...base,
        type: 'created',
        kind: text(after.kind),
        span: start !== null && end !== null ? { start, end, exact: text(after.exact) ?? '' } : null,
        note: text(after.note) ?? '',
        attributes: asRecord(after.attributes as Prisma.JsonValue),
        version: int(after.version) ?? 1,
        ...(row.action === 'annotation.import' ? { imported: true as const } : {}),
      };
    }
    case 'annotation.update':
      return { ...base, type: 'edited', changes: diffSnapshots(before, after), version: int(after.version) };
    case 'annotation.review':
      return {
        ...base,
        type: 'decided',
        decision: after.decision === 'reject' ? 'reject' : 'approve',
        reason: text(after.comment),
        // A decision does not change the version: the one it judged is the one before it.
        version: int(before.version) ?? int(after.version),
        status: text(after.status),
      };
    case 'annotation.delete':
      return { ...base, type: 'deleted' };
    case 'comment.create':
      return { ...base, type: 'commented', commentId: row.entityId, body: text(after.body) ?? '' };
    case 'relation.create':
    case 'relation.delete': {
      const ends = row.action === 'relation.create' ? after : before;
      return {
        ...base,
        type: row.action === 'relation.create' ? 'linked' : 'unlinked',
        relationId: row.entityId,
        relationType: text(ends.type) ?? 'attributed_to',
        direction: ends.fromId === annotationId ? 'from' : 'to',
        other: row.otherId && row.otherKind ? { id: row.otherId, kind: kindFromDb(row.otherKind), exact: row.otherExact ?? '' } : null,
      };
    }
    default:
      return null;
  }
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
