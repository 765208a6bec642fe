import { auditInsertSql, type AuditEntry } from '@/lib/audit/record.ts';
import { db, Prisma } from '@/lib/db.ts';
import { utcTimestamp } from '@/lib/sql-time.ts';
import type { Anchor } from './offsets.ts';
import { fromStored, STORED_KIND, STORED_STATUS, type AnnotationKindName, type AnnotationView, type StoredKind, type StoredStatus } from './model.ts';

export interface NewAnnotation {
  id: string;
  articleId: string;
  authorId: string;
  kind: AnnotationKindName;
  anchor: Anchor;
  note: string;
  attributes: Record<string, unknown>;
}

/** The statement's one row: the annotation as written (null fields when nothing was), and whether the article was archived (null: no article). */
type Row = Omit<AnnotationView, 'id' | 'kind' | 'status' | 'author'> & {
  archived: boolean | null;
  id: string | null;
  kind: StoredKind;
  status: StoredStatus;
  authorName: string;
};

/**
 * A create in one statement, so one round trip and no lock held across round trips: it locks the
 * article FOR KEY SHARE and reads archivedAt under that lock (the rule of
 * lib/articles/write-lock.ts: archiving waits for it, and a create after archiving sees it),
 * inserts the annotation only when the article is open, and inserts its audit row only when the
 * annotation was inserted. The triggers of "Annotation" (span check, counts, live NOTIFY) run as
 * for any insert. Writers on one article share the FOR KEY SHARE lock and wait for each other only
 * on the article's counts row, from the end of the statement to its commit.
 *
 * Answers 'not_found', 'archived', or the created annotation.
 */
export async function insertAnnotation(annotation: NewAnnotation, audit: AuditEntry): Promise<'not_found' | 'archived' | AnnotationView> {
  const { anchor } = annotation;
  const now = utcTimestamp(new Date());
  const [row] = await db().$queryRaw<Row[]>`
    WITH article AS (
      SELECT "id", "archivedAt" FROM "Article" WHERE "id" = ${annotation.articleId} FOR KEY SHARE
    ), created AS (
      INSERT INTO "Annotation" ("id", "articleId", "authorId", "kind", "start", "end", "exact", "prefix", "suffix", "note", "attributes", "createdAt", "updatedAt")
      SELECT ${annotation.id}, "id", ${annotation.authorId}, ${STORED_KIND[annotation.kind]}::"AnnotationKind", ${anchor.start}, ${anchor.end},
             ${anchor.exact}, ${anchor.prefix}, ${anchor.suffix}, ${annotation.note}, ${JSON.stringify(annotation.attributes)}::jsonb, ${now}, ${now}
      FROM article WHERE "archivedAt" IS NULL
      RETURNING "id", "articleId", "kind"::text, "start", "end", "exact", "prefix", "suffix", "note", "attributes", "unattributed",
                "status"::text, "version", "createdAt", "updatedAt"
    ), audited AS (
      ${auditInsertSql(audit, Prisma.sql`created`)}
    )
    SELECT (SELECT "archivedAt" IS NOT NULL FROM article) AS "archived", created.*, u."name" AS "authorName"
    FROM (SELECT 1) AS one
    LEFT JOIN created ON true
    LEFT JOIN "User" u ON u."id" = ${annotation.authorId}`;
  if (!row || row.archived === null) return 'not_found';
  const { archived, id, kind, status, authorName, ...fields } = row;
  if (archived || id === null) return 'archived';
  return {
    ...fields,
    id,
    kind: fromStored(STORED_KIND, kind),
    status: fromStored(STORED_STATUS, status),
    author: { id: annotation.authorId, name: authorName },
  };
}
