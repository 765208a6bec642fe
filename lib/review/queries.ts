import { annotationViewSelect, relationsOf, toAnnotationView } from '@/lib/annotations/queries.ts';
import { fromStored, STORED_KIND, STORED_STATUS, type StoredKind, type StoredStatus } from '@/lib/annotations/model.ts';
import type { Actor } from '@/lib/auth/policy.ts';
import { db, Prisma } from '@/lib/db.ts';
import { timeRangeConditions, utcTimestamp } from '@/lib/sql-time.ts';
import { CONTEXT_MAX, contextFromWindow, sentenceAround } from './context.ts';
import type { QueueFilterOptions, RejectedAnnotation, ReviewConflict, ReviewQueueItem, ReviewQueuePage } from './model.ts';
import { encodeQueueCursor, type ReviewQueueQuery } from './schemas.ts';

export const decisionViewSelect = {
  id: true,
  annotationId: true,
  decision: true,
  comment: true,
  annotationVersion: true,
  createdAt: true,
  reviewer: { select: { id: true, name: true } },
} as const;

/** The annotation now and its newest decision: what a reviewer who lost a race needs to see. */
export async function currentState(id: string): Promise<ReviewConflict | null> {
  const row = await db().annotation.findUnique({
    where: { id },
    select: { ...annotationViewSelect, decisions: { select: decisionViewSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 } },
  });
  if (!row) return null;
  const { decisions, ...view } = row;
  return { annotation: toAnnotationView(view), decision: decisions[0] ?? null };
}

// ─── The queue ──────────────────────────────────────────────────────────────────────

const sql = Prisma.sql;

/**
 * How far before a quote, in code points, the SQL window of the text starts. Offsets count UTF-16
 * units and SQL counts code points, which are fewer by the number of characters above U+FFFF
 * (emoji and the like) before the quote: up to WINDOW_SLACK of them the window still holds
 * CONTEXT_MAX units before the quote; beyond, the quote's article text is read whole.
 */
const WINDOW_SLACK = 256;
const WINDOW_BEFORE = CONTEXT_MAX + WINDOW_SLACK;

/** A page row: the annotation's columns (as annotationViewSelect reads them, the author flat), plus what the page shows with it. */
interface QueueRow extends Omit<Prisma.AnnotationGetPayload<{ select: typeof annotationViewSelect }>, 'author' | 'kind' | 'status'> {
  /** Raw SQL reads an enum column as the value stored. */
  kind: StoredKind;
  status: StoredStatus;
  authorId: string;
  authorName: string;
  articleTitle: string;
  /** Code point where `window` starts in the article's text (0-based). */
  windowStart: number;
  window: string;
}

/** WHERE of the queue for `actor`, on the alias `a` of "Annotation". */
function queueFilter(actor: Actor, query: Partial<Omit<ReviewQueueQuery, 'cursor' | 'limit'>>): Prisma.Sql {
  const where: Prisma.Sql[] = [
    sql`a."status" = ${STORED_STATUS.pending}::"AnnotationStatus"`,
    sql`a."authorId" <> ${actor.id}`,
    sql`EXISTS (SELECT 1 FROM "Article" x WHERE x."id" = a."articleId" AND x."archivedAt" IS NULL)`,
  ];
  if (query.kind) where.push(sql`a."kind" = ${STORED_KIND[query.kind]}::"AnnotationKind"`);
  if (query.articleId) where.push(sql`a."articleId" = ${query.articleId}`);
  if (query.authorId) where.push(sql`a."authorId" = ${query.authorId}`);
  where.push(...timeRangeConditions(sql`a."createdAt"`, query));
  return Prisma.join(where, ' AND ');
}

/**
 * The one SQL statement of a queue page (exported for EXPLAIN in benchmarks): the page's rows by
 * a keyset on ("createdAt", "id") over the indexes of the migration "review_queue", then for
 * those rows only, the author's name, the article's title and a window of its text around the
 * quote (never the whole text).
 */
export function reviewQueueSql(actor: Actor, query: ReviewQueueQuery): Prisma.Sql {
  const after = query.cursor ? sql` AND (a."createdAt", a."id") > (${utcTimestamp(query.cursor.createdAt)}, ${query.cursor.id})` : Prisma.empty;
  return sql`
    WITH p AS MATERIALIZED (
      SELECT a."id", a."articleId", a."kind", a."start", a."end", a."exact", a."prefix", a."suffix", a."note", a."attributes",
             a."unattributed", a."status", a."version", a."createdAt", a."updatedAt", a."authorId"
      FROM "Annotation" a
      WHERE ${queueFilter(actor, query)}${after}
      ORDER BY a."createdAt", a."id"
      LIMIT ${query.limit + 1}
    )
    SELECT p.*, u."name" AS "authorName", t."title" AS "articleTitle",
           GREATEST(p."start" - ${WINDOW_BEFORE}, 0) AS "windowStart",
           substr(t."text", GREATEST(p."start" - ${WINDOW_BEFORE}, 0) + 1, p."end" - GREATEST(p."start" - ${WINDOW_BEFORE}, 0) + ${CONTEXT_MAX + 1}) AS "window"
    FROM p
    JOIN "User" u ON u."id" = p."authorId"
    JOIN "Article" t ON t."id" = p."articleId"
    ORDER BY p."createdAt", p."id"`;
}

/**
 * A page of the reviewer's queue: pending annotations of others on articles not archived,
 * oldest first, with each quote's sentence and relations. Three queries whatever the page
 * size: the page (with the text windows), the relations of its annotations, and the whole text
 * of an article only where a window fell short.
 */
export async function listReviewQueue(actor: Actor, query: ReviewQueueQuery): Promise<ReviewQueuePage> {
  const rows = await db().$queryRaw<QueueRow[]>(reviewQueueSql(actor, query));
  const page = rows.slice(0, query.limit);
  const ids = page.map((r) => r.id);
  const relations = await relationsOf(ids);

  const entries = page.map(({ windowStart, window, ...row }) => ({ row, context: contextFromWindow({ ...row, windowStart, window }) }));
  const short = entries.filter((e) => e.context === null);
  if (short.length) {
    const texts = await db().article.findMany({ where: { id: { in: [...new Set(short.map((e) => e.row.articleId))] } }, select: { id: true, text: true } });
    const byId = new Map(texts.map((t) => [t.id, t.text]));
    for (const e of short) e.context = sentenceAround(byId.get(e.row.articleId) ?? '', e.row.start, e.row.end);
  }

  const items = entries.map(({ row: { authorId, authorName, articleTitle, ...columns }, context }): ReviewQueueItem => ({
    annotation: toAnnotationView({
      ...columns,
      kind: fromStored(STORED_KIND, columns.kind),
      status: fromStored(STORED_STATUS, columns.status),
      author: { id: authorId, name: authorName },
    }),
    article: { id: columns.articleId, title: articleTitle },
    context: context!,
    relations: relations.get(columns.id) ?? [],
  }));
  const last = rows.length > query.limit ? page[page.length - 1] : undefined;
  return { items, nextCursor: last ? encodeQueueCursor({ createdAt: last.createdAt.toISOString(), id: last.id }) : null };
}

/**
 * How many annotations await `actor`'s review (the dashboard's figure): the queue's rows, counted. With `cap`, counting stops after cap + 1 rows: a dashboard shows "cap+"
 * rather than counting a backlog of hundreds of thousands on every visit (bench:review: 275 ms).
 */
export async function countReviewQueue(actor: Actor, cap?: number): Promise<number> {
  const [row] =
    cap === undefined
      ? await db().$queryRaw<{ count: number }[]>`SELECT count(*)::int AS "count" FROM "Annotation" a WHERE ${queueFilter(actor, {})}`
      : await db().$queryRaw<
          { count: number }[]
        >`SELECT count(*)::int AS "count" FROM (SELECT 1 FROM "Annotation" a WHERE ${queueFilter(actor, {})} LIMIT ${cap + 1}) q`;
  return row?.count ?? 0;
}

/** Most articles the article filter lists; beyond, reviewers reach an article from its own page. */
const ARTICLE_OPTIONS_MAX = 500;

/**
 * What the queue's author and article filters offer: the people and articles that have pending
 * annotations in this reviewer's queue. One index probe per user and per article (the queue's
 * author and article indexes), never a scan of the pending annotations. The article the queue is
 * filtered by (`selectedArticleId`) is always offered, even past the first ARTICLE_OPTIONS_MAX,
 * so the filter shows what is applied.
 */
export async function queueFilterOptions(actor: Actor, selectedArticleId?: string): Promise<QueueFilterOptions> {
  const [authors, articles, selected] = await Promise.all([
    db().$queryRaw<{ id: string; name: string }[]>`
      SELECT u.id, u.name FROM "User" u
      WHERE u.id <> ${actor.id} AND EXISTS (SELECT 1 FROM "Annotation" a WHERE a."authorId" = u.id AND a.status = ${STORED_STATUS.pending}::"AnnotationStatus")
      ORDER BY u.name, u.id`,
    db().$queryRaw<{ id: string; title: string }[]>`
      SELECT ar.id, ar.title FROM "Article" ar
      WHERE ar."archivedAt" IS NULL AND EXISTS (SELECT 1 FROM "Annotation" a WHERE a."articleId" = ar.id AND a.status = ${STORED_STATUS.pending}::"AnnotationStatus" AND a."authorId" <> ${actor.id})
      ORDER BY ar.title, ar.id LIMIT ${ARTICLE_OPTIONS_MAX}`,
    selectedArticleId ? db().article.findFirst({ where: { id: selectedArticleId, archivedAt: null }, select: { id: true, title: true } }) : null,
  ]);
  if (selected && !articles.some((a) => a.id === selected.id)) articles.push(selected);
  return { authors, articles };
}

// ─── Feedback to authors ────────────────────────────────────────────────────────────

/** How many decisions were made on `actorId`'s annotations after `since` (the "new feedback" badge). */
export async function decisionsSince(actorId: string, since: Date): Promise<number> {
  return db().reviewDecision.count({ where: { createdAt: { gt: since }, annotation: { authorId: actorId } } });
}

/** The author's annotations that stand rejected, on articles still open to edits, most recently judged first, each with its reason. */
export async function rejectedForAuthor(actorId: string, { limit = 20 }: { limit?: number } = {}): Promise<RejectedAnnotation[]> {
  const rows = await db().annotation.findMany({
    where: { authorId: actorId, status: 'rejected', article: { archivedAt: null } },
    orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
    take: Math.max(1, Math.min(limit, 100)),
    select: {
      ...annotationViewSelect,
      article: { select: { id: true, title: true } },
      decisions: { select: decisionViewSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 },
    },
  });
  return rows.map(({ article, decisions, ...view }) => ({
    annotation: toAnnotationView(view),
    article,
    decision: decisions[0] ?? null,
  }));
}
