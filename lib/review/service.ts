import { relationsOf, type AnnotationDecisionDetail, type AnnotationRelationDetail } from '@/lib/annotations/detail.ts';
import { kindToDb } from '@/lib/annotations/schemas.ts';
import { annotationViewSelect, lockAnnotations, lockOpenArticle, toAnnotationView, type AnnotationView } from '@/lib/annotations/service.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { can, type Actor } from '@/lib/auth/policy.ts';
import { db, isUniqueViolation, Prisma } from '@/lib/db.ts';
import { fail, ok, type DomainError, type Result } from '@/lib/result.ts';
import { CONTEXT_MAX, contextFromWindow, sentenceAround, type QuoteContext } from './context.ts';
import {
  encodeQueueCursor,
  REJECTION_NEEDS_REASON,
  type BulkReviewInput,
  type DecisionName,
  type ReviewInput,
  type ReviewQueueQuery,
  decisionFromDb,
} from './schemas.ts';
import { NO_ANNOTATION } from '@/lib/annotations/not-found.ts';
import { timeRangeConditions, utcTimestamp } from '@/lib/sql-time.ts';

/** A review decision as the API shows it: who judged which version of which annotation, how and why. */
export interface DecisionView extends AnnotationDecisionDetail {
  annotationId: string;
}

/** What a 409 of a decision carries: the annotation as it is now, and its latest decision. */
export interface ReviewConflict {
  annotation: AnnotationView;
  decision: DecisionView | null;
}

const decisionViewSelect = {
  id: true,
  annotationId: true,
  decision: true,
  comment: true,
  annotationVersion: true,
  createdAt: true,
  reviewer: { select: { id: true, name: true } },
} as const;

const toDecisionView = (row: Prisma.ReviewDecisionGetPayload<{ select: typeof decisionViewSelect }>): DecisionView => ({
  ...row,
  decision: decisionFromDb(row.decision),
});

const PAST_TENSE: Record<DecisionName, string> = { approve: 'approved', reject: 'rejected' };
const STALE = 'This annotation changed since you loaded it.';

/** The annotation now and its newest decision: what a reviewer who lost a race needs to see. */
async function currentState(id: string): Promise<ReviewConflict | null> {
  const row = await db().annotation.findUnique({
    where: { id },
    select: { ...annotationViewSelect, decisions: { select: decisionViewSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 } },
  });
  if (!row) return null;
  const { decisions, ...view } = row;
  return { annotation: toAnnotationView(view), decision: decisions[0] ? toDecisionView(decisions[0]) : null };
}

function conflict(message: string, current: ReviewConflict): { ok: false; error: DomainError } {
  return { ok: false, error: { code: 'conflict', message, current } };
}

/** "Ana Ruiz already approved this version." */
const alreadyDecided = (decision: DecisionView) => `${decision.reviewer.name} already ${PAST_TENSE[decision.decision]} this version.`;

/**
 * Approve or reject one version of someone else's annotation. The row is locked, as the
 * author's edits lock it, so of two reviewers deciding at once the second waits, then sees the
 * first's decision and gets a 409 carrying it; a decision on a version the author has since
 * edited gets a 409 too, and an edit landing after the decision sees it and sends the new
 * version back to pending. The status follows the decision and the version stays: the decision
 * is about that version. The article is locked against archiving first (lib/articles/write-lock.ts).
 */
export async function reviewAnnotation(actor: Actor, id: string, input: ReviewInput): Promise<Result<{ annotation: AnnotationView; decision: DecisionView }>> {
  // The author and the article never change: checked before the transaction; all else under the locks.
  const found = await db().annotation.findUnique({ where: { id }, select: { authorId: true, articleId: true } });
  if (!found) return NO_ANNOTATION;
  if (!can(actor, 'review:annotation', { authorId: found.authorId })) {
    return fail('forbidden', found.authorId === actor.id ? 'You cannot review your own annotation.' : 'Your role may not review annotations.');
  }
  const comment = input.comment?.trim() || null;
  if (input.decision === 'reject' && !comment) return fail('validation', REJECTION_NEEDS_REASON, { comment: [REJECTION_NEEDS_REASON] });

  try {
    return await db().$transaction(async (tx) => {
      const open = await lockOpenArticle(tx, found.articleId);
      if (!open.ok) return open;
      if ((await lockAnnotations(tx, [id])).length === 0) return NO_ANNOTATION;
      const row = await tx.annotation.findUniqueOrThrow({
        where: { id },
        select: { ...annotationViewSelect, decisions: { select: decisionViewSelect, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 } },
      });
      const { decisions, ...rest } = row;
      const current = toAnnotationView(rest);
      const latest = decisions[0] ? toDecisionView(decisions[0]) : null;
      if (current.version !== input.version) return conflict(STALE, { annotation: current, decision: latest });
      if (latest && latest.annotationVersion === current.version) return conflict(alreadyDecided(latest), { annotation: current, decision: latest });

      const decision = toDecisionView(
        await tx.reviewDecision.create({
          data: {
            annotationId: id,
            reviewerId: actor.id,
            decision: input.decision === 'approve' ? 'APPROVE' : 'REJECT',
            comment,
            annotationVersion: current.version,
          },
          select: decisionViewSelect,
        }),
      );
      const status = input.decision === 'approve' ? 'APPROVED' : 'REJECTED';
      const annotation = toAnnotationView(await tx.annotation.update({ where: { id }, data: { status }, select: annotationViewSelect }));
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'annotation.review',
        entity: 'Annotation',
        entityId: id,
        before: { status: current.status, version: current.version },
        after: { status: annotation.status, version: annotation.version, decisionId: decision.id, decision: decision.decision, comment },
      });
      return ok({ annotation, decision });
    });
  } catch (error) {
    // One decision per version is also the database's rule: a decision written past the lock loses here.
    if (!isUniqueViolation(error)) throw error;
    const current = await currentState(id);
    if (!current) return NO_ANNOTATION;
    return conflict(current.decision && current.decision.annotationVersion === current.annotation.version ? alreadyDecided(current.decision) : STALE, current);
  }
}

export type BulkResult =
  { id: string; ok: true; annotation: AnnotationView } | { id: string; ok: false; code: DomainError['code']; message: string; current?: unknown };

/**
 * Approve several annotations, each on its own (its own transaction, its own answer): one that
 * changed or was judged meanwhile is reported and the others are approved.
 */
export async function bulkApprove(actor: Actor, items: BulkReviewInput['items']): Promise<{ results: BulkResult[] }> {
  const results: BulkResult[] = [];
  for (const item of items) {
    const outcome = await reviewAnnotation(actor, item.id, { decision: 'approve', comment: null, version: item.version });
    results.push(
      outcome.ok
        ? { id: item.id, ok: true, annotation: outcome.value.annotation }
        : {
            id: item.id,
            ok: false,
            code: outcome.error.code,
            message: outcome.error.message,
            ...(outcome.error.current !== undefined ? { current: outcome.error.current } : {}),
          },
    );
  }
  return { results };
}

// ─── The queue ──────────────────────────────────────────────────────────────────────

/** A relation of a queued annotation, as the side panel shows it (lib/annotations/detail.ts). */

export interface ReviewQueueItem {
  annotation: AnnotationView;
  article: { id: string; title: string };
  /** The quote's sentence around it. */
  context: QuoteContext;
  relations: AnnotationRelationDetail[];
}

export interface ReviewQueuePage {
  items: ReviewQueueItem[];
  nextCursor: string | null;
}

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
interface QueueRow extends Omit<Prisma.AnnotationGetPayload<{ select: typeof annotationViewSelect }>, 'author'> {
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
    sql`a."status" = 'PENDING'`,
    sql`a."authorId" <> ${actor.id}`,
    sql`EXISTS (SELECT 1 FROM "Article" x WHERE x."id" = a."articleId" AND x."archivedAt" IS NULL)`,
  ];
  if (query.kind) where.push(sql`a."kind" = ${kindToDb(query.kind)}::"AnnotationKind"`);
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
    annotation: toAnnotationView({ ...columns, author: { id: authorId, name: authorName } }),
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

// ─── Feedback to authors ────────────────────────────────────────────────────────────

/** How many decisions were made on `actorId`'s annotations after `since` (the "new feedback" badge). */
export async function decisionsSince(actorId: string, since: Date): Promise<number> {
  return db().reviewDecision.count({ where: { createdAt: { gt: since }, annotation: { authorId: actorId } } });
}

export interface RejectedAnnotation {
  annotation: AnnotationView;
  article: { id: string; title: string };
  /** The decision that rejected it (its reason is `comment`). */
  decision: DecisionView | null;
}

/** The author's annotations that stand rejected, on articles still open to edits, most recently judged first, each with its reason. */
export async function rejectedForAuthor(actorId: string, { limit = 20 }: { limit?: number } = {}): Promise<RejectedAnnotation[]> {
  const rows = await db().annotation.findMany({
    where: { authorId: actorId, status: 'REJECTED', article: { archivedAt: null } },
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
    decision: decisions[0] ? toDecisionView(decisions[0]) : null,
  }));
}
