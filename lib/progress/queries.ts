import { db, Prisma } from '@/lib/db.ts';
import { groupRejectionReasons } from './reasons.ts';
import type { ProgressQuery } from './schemas.ts';
import type { AnnotatorProgress, ArticleProgress, ReviewerProgress } from './model.ts';
import { timeRangeConditions, utcTimestamp } from '@/lib/sql-time.ts';

/**
 * The progress page's three tables (issue 5 point 6), one aggregate query each. Annotations of
 * archived articles, and the decisions on them, are left out, as everywhere else. The date range
 * applies to when annotations were created (articles, annotators) or when decisions were made
 * (reviewers).
 */
const sql = Prisma.sql;
const DAY_MS = 86_400_000;

function range(column: Prisma.Sql, query: ProgressQuery): Prisma.Sql {
  const parts = timeRangeConditions(column, query);
  return parts.length ? sql` AND ${Prisma.join(parts, ' AND ')}` : Prisma.empty;
}

const share = (part: number, whole: number) => (whole === 0 ? 0 : part / whole);

/** What the SQL returns; the share is computed here. */
type ArticleRow = Omit<ArticleProgress, 'reviewedShare'>;

/** Per annotated article: annotations by kind and by status; most annotated first. */
export async function articleProgress(query: ProgressQuery): Promise<ArticleProgress[]> {
  // Without a date range the inner aggregate reads only the (articleId, status, kind) index.
  const rows = await db().$queryRaw<ArticleRow[]>`
    SELECT t."id", t."title", s."total", s."claims", s."events", s."sources", s."pending", s."approved", s."rejected"
    FROM (
      SELECT a."articleId",
             count(*)::int AS "total",
             count(*) FILTER (WHERE a."kind" = 'CLAIM')::int AS "claims",
             count(*) FILTER (WHERE a."kind" = 'EVENT')::int AS "events",
             count(*) FILTER (WHERE a."kind" = 'SOURCE')::int AS "sources",
             count(*) FILTER (WHERE a."status" = 'PENDING')::int AS "pending",
             count(*) FILTER (WHERE a."status" = 'APPROVED')::int AS "approved",
             count(*) FILTER (WHERE a."status" = 'REJECTED')::int AS "rejected"
      FROM "Annotation" a
      WHERE TRUE${range(sql`a."createdAt"`, query)}
      GROUP BY a."articleId"
    ) s
    JOIN "Article" t ON t."id" = s."articleId" AND t."archivedAt" IS NULL
    ORDER BY s."total" DESC, t."title", t."id"`;
  return rows.map((r) => ({ ...r, reviewedShare: share(r.approved + r.rejected, r.total) }));
}

type AnnotatorRow = Omit<AnnotatorProgress, 'approvalRate' | 'rejectionReasons'> & { reasons: { comment: string | null; count: number }[] | null };

/**
 * Per author: annotations created and their status now, the approval rate over those decided, and
 * the reasons of every rejection their annotations received (a revised annotation keeps its past
 * rejections), grouped by preset. Most productive first.
 */
export async function annotatorProgress(query: ProgressQuery): Promise<AnnotatorProgress[]> {
  const created = range(sql`a."createdAt"`, query);
  const rows = await db().$queryRaw<AnnotatorRow[]>`
    WITH counts AS (
      SELECT a."authorId",
             count(*)::int AS "created",
             count(*) FILTER (WHERE a."status" = 'PENDING')::int AS "pending",
             count(*) FILTER (WHERE a."status" = 'APPROVED')::int AS "approved",
             count(*) FILTER (WHERE a."status" = 'REJECTED')::int AS "rejected"
      FROM "Annotation" a
      JOIN "Article" t ON t."id" = a."articleId" AND t."archivedAt" IS NULL
      WHERE TRUE${created}
      GROUP BY a."authorId"
    ), reasons AS (
      SELECT a."authorId", d."comment", count(*)::int AS "count"
      FROM "ReviewDecision" d
      JOIN "Annotation" a ON a."id" = d."annotationId"
      JOIN "Article" t ON t."id" = a."articleId" AND t."archivedAt" IS NULL
      WHERE d."decision" = 'REJECT'${created}
      GROUP BY a."authorId", d."comment"
    )
    SELECT u."id", u."name", c."created", c."pending", c."approved", c."rejected",
           (SELECT json_agg(json_build_object('comment', r."comment", 'count', r."count")) FROM reasons r WHERE r."authorId" = c."authorId") AS "reasons"
    FROM counts c
    JOIN "User" u ON u."id" = c."authorId"
    ORDER BY c."created" DESC, u."name", u."id"`;
  return rows.map(({ reasons, ...r }) => ({
    ...r,
    approvalRate: r.approved + r.rejected === 0 ? null : r.approved / (r.approved + r.rejected),
    rejectionReasons: groupRejectionReasons(reasons ?? []),
  }));
}

/**
 * Per reviewer: decisions made (within the range, if any), of which in the last 7 and 30 days
 * before `now`, approvals and rejections, and the latest. Busiest first.
 */
export async function reviewerProgress(query: ProgressQuery, now: Date = new Date()): Promise<ReviewerProgress[]> {
  const since7 = new Date(now.getTime() - 7 * DAY_MS);
  const since30 = new Date(now.getTime() - 30 * DAY_MS);
  return db().$queryRaw<ReviewerProgress[]>`
    SELECT u."id", u."name", s."decisions", s."last7Days", s."last30Days", s."approvals", s."rejections", s."lastDecisionAt"
    FROM (
      SELECT d."reviewerId",
             count(*)::int AS "decisions",
             count(*) FILTER (WHERE d."createdAt" >= ${utcTimestamp(since7)})::int AS "last7Days",
             count(*) FILTER (WHERE d."createdAt" >= ${utcTimestamp(since30)})::int AS "last30Days",
             count(*) FILTER (WHERE d."decision" = 'APPROVE')::int AS "approvals",
             count(*) FILTER (WHERE d."decision" = 'REJECT')::int AS "rejections",
             max(d."createdAt") AS "lastDecisionAt"
      FROM "ReviewDecision" d
      JOIN "Annotation" a ON a."id" = d."annotationId"
      JOIN "Article" t ON t."id" = a."articleId" AND t."archivedAt" IS NULL
      WHERE TRUE${range(sql`d."createdAt"`, query)}
      GROUP BY d."reviewerId"
    ) s
    JOIN "User" u ON u."id" = s."reviewerId"
    ORDER BY s."decisions" DESC, u."name", u."id"`;
}
