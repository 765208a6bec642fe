import type { AnnotationStatusName } from '@/lib/annotations/model.ts';
import { type Actor, can } from '@/lib/auth/policy.ts';
import { db } from '@/lib/db.ts';
import { countReviewQueue } from '@/lib/review/queries.ts';

/** The dashboard counts the review queue up to this many and shows "10,000+" beyond. */
export const REVIEW_QUEUE_COUNT_CAP = 10_000;

export interface DashboardCounts {
  articles: number;
  annotations: number;
  mine: { pending: number; approved: number; rejected: number };
  /** Pending annotations by others, for those who review. */
  reviewQueue: number | null;
  /** Active users, for admins. */
  activeUsers: number | null;
}

export async function getDashboardCounts(actor: Actor): Promise<DashboardCounts> {
  const [articles, annotations, mineByStatus, reviewQueue, activeUsers] = await Promise.all([
    db().article.count({ where: { archivedAt: null } }),
    db().annotation.count({ where: { article: { archivedAt: null } } }),
    // Archived articles are out of every count; their annotations are kept for when they return.
    db().annotation.groupBy({ by: ['status'], where: { authorId: actor.id, article: { archivedAt: null } }, _count: { _all: true } }),
    can(actor, 'read:review-queue') ? countReviewQueue(actor, REVIEW_QUEUE_COUNT_CAP) : null,
    can(actor, 'manage:users') ? db().user.count({ where: { disabledAt: null } }) : null,
  ]);
  const mine: Record<AnnotationStatusName, number> = { pending: 0, approved: 0, rejected: 0 };
  for (const row of mineByStatus) mine[row.status] = row._count._all;
  return { articles, annotations, mine, reviewQueue, activeUsers };
}

export async function recentArticles(take = 5) {
  return db().article.findMany({
    where: { archivedAt: null },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take,
    select: { id: true, title: true, source: true, publishedAt: true },
  });
}
